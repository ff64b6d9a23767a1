import { Writable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, TEST_CONFIG } from "../../test/harness";
import { buildApp } from "../app";
import { AccessLog } from "./access-log";

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

  it("writes a request whose answer failed as an error, with the error", () => {
    const log = { info: vi.fn(), error: vi.fn() };
    const request = { method: "GET", url: "/api/customers" } as unknown as FastifyRequest;
    const reply = { log, elapsedTime: 12.5 } as unknown as FastifyReply;
    const failure = new Error("socket closed");
    new AccessLog().requestCompleted(failure, request, reply);
    expect(log.info).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledWith(
      { req: request, res: reply, responseTime: 12.5, err: failure },
      "request errored",
    );
  });

  it("writes nothing for requests its controller is told to leave out", () => {
    const log = { info: vi.fn(), error: vi.fn() };
    const quiet = new AccessLog({ disableRequestLogging: true });
    quiet.requestCompleted(null, {} as FastifyRequest, { log, elapsedTime: 1 } as unknown as FastifyReply);
    expect(log.info).not.toHaveBeenCalled();
  });
});
