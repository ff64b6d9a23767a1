import path from "node:path";
import { z } from "zod";

// Every setting comes from the environment, parsed once here; README's "Configuration" lists them.
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: "must start with postgres:// or postgresql://" })
    .optional(),
  TRADEWIND_DATA_DIR: z.string().default("data"),
  TRADEWIND_FILES_DIR: z.string().min(1).optional(),
  TRADEWIND_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRADEWIND_PUBLIC_URL: z.url().optional(),
  TRADEWIND_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  TRADEWIND_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  TRADEWIND_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  // Uploaded documents; several app instances must share this folder (network storage).
  filesDir: string;
  maxFileBytes: number;
  poolSize: number;
  publicUrl: string | undefined;
  trustProxy: boolean;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.TRADEWIND_DATA_DIR),
    // Also with DATABASE_URL: files live on disk, not in the database.
    filesDir: path.resolve(e.TRADEWIND_FILES_DIR ?? path.join(e.TRADEWIND_DATA_DIR, "files")),
    maxFileBytes: e.TRADEWIND_MAX_FILE_BYTES,
    poolSize: e.DATABASE_POOL_SIZE,
    publicUrl: e.TRADEWIND_PUBLIC_URL,
    trustProxy: e.TRADEWIND_TRUST_PROXY === "true",
    loginRatePerMinute: e.TRADEWIND_LOGIN_RATE_PER_MINUTE,
    bodyLimitBytes: e.TRADEWIND_BODY_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
  };
}
