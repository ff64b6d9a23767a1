import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, createTestDatabase, TEST_CONFIG, TEST_ENGINE, type TestDatabase } from "../../test/harness";
import { buildApp } from "../app";
import { openDatabase } from "./client";
import { runMigrations } from "./migrate";

const onPostgres = TEST_ENGINE === "postgres";

// Stands between the app and PostgreSQL so a test can make the database vanish and come back.
class TcpProxy {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
    const address = this.server.address();
    if (typeof address === "object" && address) this.port = address.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function listen(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return `http://127.0.0.1:${address.port}`;
}

describe.skipIf(!onPostgres)("several instances on one PostgreSQL", () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());

  it("a user created through one instance signs in through the other", async () => {
    const url = testDb.url ?? "";
    const [dbA, dbB] = await Promise.all([
      openDatabase({ engine: "postgres", url }),
      openDatabase({ engine: "postgres", url }),
    ]);
    // Both start at once: the migration lock lets each apply (or skip) the migrations safely.
    await Promise.all([runMigrations(dbA), runMigrations(dbB)]);
    const appA = await buildApp({ database: dbA, config: TEST_CONFIG });
    const appB = await buildApp({ database: dbB, config: TEST_CONFIG });
    try {
      const [baseA, baseB] = [await listen(appA), await listen(appB)];
      expect(baseA).not.toBe(baseB);
      const setup = await fetch(`${baseA}/api/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          workspaceName: "Multi",
          adminName: "Ada",
          email: ADMIN.email,
          password: ADMIN.password,
        }),
      });
      expect(setup.status).toBe(201);
      const cookie = setup.headers.get("set-cookie")?.split(";")[0] ?? "";
      const created = await fetch(`${baseA}/api/users`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: baseA },
        body: JSON.stringify({
          name: "Bo",
          email: "bo@example.com",
          role: "sales",
          password: "bo-password-123",
        }),
      });
      expect(created.status).toBe(201);
      const login = await fetch(`${baseB}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "bo@example.com", password: "bo-password-123" }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { name: string } }).user.name).toBe("Bo");
      // The session made on B is valid on A too: sessions live in the database.
      const sessionCookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect((await fetch(`${baseA}/api/me`, { headers: { cookie: sessionCookie } })).status).toBe(200);
    } finally {
      await appA.close();
      await appB.close();
      await dbA.close();
      await dbB.close();
    }
  });

  it("answers 503 while the database is unreachable and recovers without a restart", async () => {
    const target = new URL(testDb.url ?? "");
    const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database = await openDatabase({
      engine: "postgres",
      url: viaProxy.toString(),
      onPoolError: () => {},
    });
    const app = await buildApp({ database, config: TEST_CONFIG });
    try {
      expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      await proxy.stop();
      const down = await app.inject({ method: "GET", url: "/api/health" });
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe("unavailable");
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "a@b.co", password: "x" },
      });
      expect(login.statusCode).toBe(503);
      await proxy.start();
      expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
      await proxy.stop();
    }
  });
});
