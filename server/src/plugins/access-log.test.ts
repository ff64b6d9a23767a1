import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_CONFIG } from "../../test/harness";
import { buildApp } from "../app";

type Line = {
  level: number;
  msg: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
};

const lines: Line[] = [];
const destination = new Writable({
  write(chunk, _encoding, done) {
    for (const text of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(text));
    done();
  },
});

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await buildApp({
    database: testDb.database,
    config: TEST_CONFIG,
    logger: { level: "info", stream: destination },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await testDb.drop();
});

const requestLines = () => lines.filter((line) => line.req);

describe("access log", () => {
  it("writes one line per request, with its method, URL, status and time", async () => {
    lines.length = 0;
    await app.inject({ method: "GET", url: "/api/health" });
    await app.inject({ method: "GET", url: "/api/customers" });
    expect(requestLines()).toEqual([
      expect.objectContaining({
        msg: "request completed",
        req: expect.objectContaining({ method: "GET", url: "/api/health" }),
        res: expect.objectContaining({ statusCode: 200 }),
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({
        req: expect.objectContaining({ method: "GET", url: "/api/customers" }),
        res: expect.objectContaining({ statusCode: 401 }),
      }),
    ]);
  });

  it("writes nothing for requests below the configured level", async () => {
    const quiet = await buildApp({
      database: testDb.database,
      config: TEST_CONFIG,
      logger: { level: "warn", stream: destination },
    });
    await quiet.ready();
    lines.length = 0;
    await quiet.inject({ method: "GET", url: "/api/health" });
    await quiet.close();
    expect(requestLines()).toEqual([]);
  });
});
