import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { apiTokens } from "./tokens.table";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
});
afterAll(() => t.close());

describe("personal API tokens", () => {
  it("is shown once, stored hashed, and authenticates Bearer calls", async () => {
    const created = await admin.post("/api/tokens", { name: "ERP sync" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tw_/);
    const [stored] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, created.body.id));
    expect(stored?.tokenHash).not.toContain(created.body.token);
    expect(JSON.stringify(stored)).not.toContain(created.body.token);

    const listed = await admin.get("/api/tokens");
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, name: "ERP sync" });
    expect(listed.body.items[0]).not.toHaveProperty("token");

    const api = new Client(t.app, created.body.token);
    const me = await api.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe("admin");
    // Bearer calls are not cookie-based, so they need no Origin header.
    const write = await t.app.inject({
      method: "POST",
      url: "/api/teams",
      headers: { authorization: `Bearer ${created.body.token}` },
      payload: { name: "From API" },
    });
    expect(write.statusCode).toBe(201);
    expect((await admin.get("/api/tokens")).body.items[0].lastUsedAt).not.toBeNull();
  });

  it("stops working once revoked, and a wrong token is a 401", async () => {
    const created = (await admin.post("/api/tokens", { name: "temp" })).body;
    expect((await admin.delete(`/api/tokens/${created.id}`)).status).toBe(204);
    expect((await new Client(t.app, created.token).get("/api/me")).status).toBe(401);
    expect((await new Client(t.app, "tw_made-up").get("/api/me")).status).toBe(401);
    expect((await admin.delete(`/api/tokens/${created.id}`)).status).toBe(404);
  });

  it("keeps tokens personal: a colleague can neither list nor revoke mine", async () => {
    const mine = (await admin.post("/api/tokens", { name: "mine" })).body;
    const { client: rep } = await createUserAndSignIn(admin, { role: "sales" });
    expect((await rep.get("/api/tokens")).body.items).toEqual([]);
    expect((await rep.delete(`/api/tokens/${mine.id}`)).status).toBe(404);
    expect((await new Client(t.app, mine.token).get("/api/me")).status).toBe(200);
  });

  it("audits token creation", async () => {
    const created = (await admin.post("/api/tokens", { name: "audited" })).body;
    const audit = await admin.get(`/api/audit?entityType=api_token&entityId=${created.id}`);
    expect(audit.body.items[0].action).toBe("token.created");
  });
});
