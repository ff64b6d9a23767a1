import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { buildApp } from "../src/app";
import { type Database, openDatabase } from "../src/db/client";
import { runMigrations } from "../src/db/migrate";

export const TEST_ORIGIN = "http://localhost:80";
export const TEST_ENGINE = process.env.TW_TEST_ENGINE === "postgres" ? "postgres" : "pglite";

export type TestDatabase = { database: Database; url?: string; drop: () => Promise<void> };

// PGlite runs in memory; on PostgreSQL every test file gets a database of its own, dropped afterwards.
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_ENGINE === "pglite") {
    const database = await openDatabase({ engine: "pglite" });
    await runMigrations(database);
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TW_TEST_ENGINE=postgres needs TEST_DATABASE_URL");
  const name = `tw_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ engine: "postgres", url: url.toString(), poolSize: 5 });
  await runMigrations(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const TEST_CONFIG = {
  publicUrl: undefined,
  trustProxy: false,
  loginRatePerMinute: 1000,
  bodyLimitBytes: 1024 * 1024,
  filesDir: path.join(os.tmpdir(), "tradewind-test-files"),
  maxFileBytes: 20 * 1024 * 1024,
};

export type TestApp = { app: FastifyInstance; database: Database; close: () => Promise<void> };

export async function createTestApp(config: Partial<typeof TEST_CONFIG> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const app = await buildApp({ database: testDb.database, config: { ...TEST_CONFIG, ...config } });
  await app.ready();
  return {
    app,
    database: testDb.database,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

type Payload = InjectOptions["payload"];
type RequestOptions = Omit<InjectOptions, "method" | "url" | "payload"> & { body?: Payload };

// A signed-in caller: keeps its session cookie and sends the app's Origin like the browser does.
export class Client {
  cookie: string | undefined;
  constructor(
    readonly app: FastifyInstance,
    readonly bearer?: string,
  ) {}

  async request(method: InjectOptions["method"], url: string, options: RequestOptions = {}) {
    const { body, headers, ...rest } = options;
    const response: LightMyRequestResponse = await this.app.inject({
      method,
      url,
      payload: body,
      headers: {
        origin: TEST_ORIGIN,
        ...(this.cookie ? { cookie: `tw_session=${this.cookie}` } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...rest,
    });
    const setCookie = response.cookies.find((c) => c.name === "tw_session");
    if (setCookie) this.cookie = setCookie.value || undefined;
    return {
      status: response.statusCode,
      body: parseBody(response),
      headers: response.headers,
      raw: response,
    };
  }

  get(url: string, options?: RequestOptions) {
    return this.request("GET", url, options);
  }
  post(url: string, body?: Payload, options?: RequestOptions) {
    return this.request("POST", url, { ...options, body });
  }
  patch(url: string, body?: Payload, options?: RequestOptions) {
    return this.request("PATCH", url, { ...options, body });
  }
  put(url: string, body?: Payload, options?: RequestOptions) {
    return this.request("PUT", url, { ...options, body });
  }
  delete(url: string, options?: RequestOptions) {
    return this.request("DELETE", url, options);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
function parseBody(response: LightMyRequestResponse): any {
  const type = response.headers["content-type"] ?? "";
  if (typeof type === "string" && type.includes("application/json") && response.body) return response.json();
  return response.body;
}

export const ADMIN = { email: "admin@example.com", password: "correct horse battery" };

export async function setupWorkspace(app: FastifyInstance): Promise<Client> {
  const admin = new Client(app);
  const response = await admin.post("/api/setup", {
    workspaceName: "Test Exports Ltd",
    adminName: "Ada Admin",
    email: ADMIN.email,
    password: ADMIN.password,
    currency: "CNY",
    timeZone: "Asia/Shanghai",
  });
  if (response.status !== 201) throw new Error(`setup failed: ${JSON.stringify(response.body)}`);
  return admin;
}

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const client = new Client(app);
  const response = await client.post("/api/auth/login", { email, password });
  if (response.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(response.body)}`);
  return client;
}

let userCounter = 0;
export async function createUserAndSignIn(
  admin: Client,
  fields: { role: string; teamId?: string | null; name?: string },
): Promise<{ client: Client; user: { id: string; email: string; name: string } }> {
  userCounter += 1;
  const email = `user${userCounter}-${randomBytes(3).toString("hex")}@example.com`;
  const password = "a-long-password-1";
  const response = await admin.post("/api/users", {
    name: fields.name ?? `User ${userCounter}`,
    email,
    password,
    role: fields.role,
    teamId: fields.teamId ?? null,
  });
  if (response.status !== 201) throw new Error(`create user failed: ${JSON.stringify(response.body)}`);
  return { client: await signIn(admin.app, email, password), user: response.body };
}
