import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { type Config, loadConfig } from "./config";
import { type Database, openDatabase } from "./db/client";
import { compileEmbeddedEngineEagerly } from "./db/compile-eagerly";
import { DataDirLockedError } from "./db/data-dir-lock";
import { runMigrations } from "./db/migrate";
import { isWebBuilt, WEB_DIST } from "./plugins/web";

const USAGE = `Usage: tradewind [start|migrate|demo]
  start    run migrations, then serve the API and web UI (default)
  migrate  apply pending database migrations and exit
  demo     load the demo workspace and print its logins`;

async function open(config: Config): Promise<Database> {
  const database = await openDatabase(
    config.databaseUrl
      ? {
          engine: "postgres",
          url: config.databaseUrl,
          poolSize: config.poolSize,
          onPoolError: (error) => console.warn(`database connection lost: ${error.message}`),
        }
      : { engine: "pglite", dataDir: config.dataDir },
  );
  try {
    await runMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function describe(config: Config): string {
  return config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}`;
}

async function start(config: Config): Promise<void> {
  if (!config.databaseUrl) compileEmbeddedEngineEagerly();
  const database = await open(config);
  let app: FastifyInstance | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, closing Tradewind…`);
    try {
      await app?.close();
    } finally {
      await database.close();
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  app = await buildApp({
    database,
    config,
    serveWeb: true,
    background: true,
    logger: { level: config.logLevel },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  console.log(`\nTradewind is running on ${describe(config)}.`);
  if (!isWebBuilt()) {
    console.log(`The web UI is not built (${WEB_DIST} is missing): run "npm run build".`);
  }
  console.log(`Open ${url} in your browser. API docs: ${url}/api/docs\n`);
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? "start";
  const config = loadConfig();
  if (command === "start") return start(config);
  if (command === "migrate") {
    const database = await open(config);
    await database.close();
    console.log(`Migrations applied on ${describe(config)}.`);
    return;
  }
  if (command === "demo") {
    const { loadDemo } = await import("../seed/demo");
    const database = await open(config);
    try {
      await loadDemo(database.db);
    } finally {
      await database.close();
    }
    return;
  }
  console.error(USAGE);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(`\n${error.message}\n`);
  } else {
    // A failed query names the statement; what the database said is in its cause.
    for (let reason: unknown = error; reason !== undefined; reason = (reason as { cause?: unknown }).cause) {
      console.error(reason instanceof Error ? reason.message : reason);
      if (!(reason instanceof Error)) break;
    }
  }
  process.exit(1);
});
