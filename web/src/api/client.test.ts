import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, api, fieldIssues } from "./client";

function answer(status: number, body?: unknown): void {
  const response = new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
  vi.stubGlobal("fetch", vi.fn().mockResolvedValue(response));
}

async function failure(request: Promise<unknown>): Promise<ApiError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

afterEach(() => vi.unstubAllGlobals());

describe("api client", () => {
  it("sends JSON with the session cookie and drops empty query values", async () => {
    answer(200, { items: [] });
    await api.get("/api/users", z.object({ items: z.array(z.string()) }), {
      q: "",
      role: "sales",
      teamId: undefined,
    });
    const [url, init] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(url).toBe("/api/users?role=sales");
    expect(init).toMatchObject({ method: "GET", credentials: "same-origin" });
  });

  it("turns the API error shape into an ApiError with its code and field issues", async () => {
    answer(400, {
      error: {
        code: "validation",
        message: "Invalid input",
        details: { issues: [{ path: "email", message: "bad" }] },
      },
    });
    const error = await failure(api.post("/api/users", { email: "x" }, z.object({})));
    expect(error).toMatchObject({ status: 400, code: "validation", message: "Invalid input" });
    expect(fieldIssues(error)).toEqual([{ path: "email", message: "bad" }]);
  });

  it("reads field issues from refusals other than validation, such as an e-mail already in use", async () => {
    answer(409, {
      error: {
        code: "conflict",
        message: "E-mail already used",
        details: { issues: [{ path: "email", message: "is already used by another user" }] },
      },
    });
    const error = await failure(api.post("/api/users", { email: "x@example.com" }, z.object({})));
    expect(fieldIssues(error)).toEqual([{ path: "email", message: "is already used by another user" }]);
  });

  it("sends FormData as multipart, leaving the content type and its boundary to the browser", async () => {
    answer(202, { importId: "1" });
    const form = new FormData();
    form.append("dryRun", "true");
    await api.post("/api/imports/customers", form, z.object({ importId: z.string() }));
    const [, init] = vi.mocked(fetch).mock.calls[0] ?? [];
    expect(init?.body).toBe(form);
    expect(init?.headers).not.toHaveProperty("content-type");
  });

  it("reports a response that breaks the shared schema instead of passing it on", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    answer(200, { needed: "yes" });
    const error = await failure(api.get("/api/setup", z.object({ needed: z.boolean() })));
    expect(error.code).toBe("invalid_response");
  });

  it("reports an unreachable server as a network error", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    const error = await failure(api.post("/api/auth/logout"));
    expect(error).toMatchObject({ status: 0, code: "network" });
  });

  it("accepts an empty 204 answer", async () => {
    answer(204);
    await expect(api.delete("/api/tokens/1")).resolves.toBeUndefined();
  });
});
