import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  signIn,
  type TestApp,
} from "../../../test/harness";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
});
afterAll(() => t.close());

const newUser = (overrides: Record<string, unknown> = {}) => ({
  name: "Rita Rep",
  email: `rita-${Math.random().toString(36).slice(2)}@example.com`,
  role: "sales",
  password: "a-long-password-1",
  ...overrides,
});

describe("creating users", () => {
  it("creates a user who can then sign in, and audits it", async () => {
    const input = newUser({ locale: "zh-CN", timeZone: "Europe/Madrid" });
    const created = await admin.post("/api/users", input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Rita Rep",
      email: input.email,
      role: "sales",
      locale: "zh-CN",
      active: true,
    });
    expect(created.body).not.toHaveProperty("passwordHash");
    const rita = await signIn(t.app, input.email, input.password);
    expect((await rita.get("/api/me")).body.user.timeZone).toBe("Europe/Madrid");
    const audit = await admin.get(`/api/audit?entityType=user&entityId=${created.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(["user.created"]);
    expect(audit.body.items[0].actorName).toBe("Ada Admin");
  });

  it("refuses bad input with a message naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [newUser({ email: "nope" }), "email"],
      [newUser({ password: "short" }), "password"],
      [newUser({ role: "superuser" }), "role"],
      [newUser({ timeZone: "Nowhere/Land" }), "timeZone"],
      [newUser({ teamId: "not-a-uuid" }), "teamId"],
      [newUser({ teamId: "00000000-0000-4000-8000-000000000000" }), "teamId"],
      [newUser({ workspaceId: "00000000-0000-4000-8000-000000000000" }), "workspaceId"],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post("/api/users", body);
      expect(response.status, field).toBe(400);
      expect(response.body.error.message, field).toContain(field);
    }
    const { name: _name, ...missingName } = newUser();
    expect((await admin.post("/api/users", missingName)).body.error.message).toContain("name");
  });

  it("refuses a second user with the same e-mail, whatever its case", async () => {
    const input = newUser();
    expect((await admin.post("/api/users", input)).status).toBe(201);
    const again = await admin.post("/api/users", { ...input, email: input.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(input.email);
  });

  it("lets only admins manage users", async () => {
    const { client: rep } = await createUserAndSignIn(admin, { role: "sales" });
    const { client: manager } = await createUserAndSignIn(admin, { role: "manager" });
    for (const caller of [rep, manager]) {
      const response = await caller.post("/api/users", newUser());
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe("forbidden");
    }
    expect((await rep.get("/api/users")).status).toBe(200);
    expect((await rep.get("/api/audit")).status).toBe(403);
    expect((await manager.get("/api/audit")).status).toBe(200);
  });
});

describe("editing and deactivating", () => {
  it("changes a role and records it as a role change", async () => {
    const created = (await admin.post("/api/users", newUser())).body;
    const updated = await admin.patch(`/api/users/${created.id}`, { role: "manager", name: "Rita Manager" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ role: "manager", name: "Rita Manager" });
    const audit = await admin.get(`/api/audit?entityId=${created.id}`);
    const roleChange = audit.body.items.find((e: { action: string }) => e.action === "user.role_changed");
    expect(roleChange.changes.role).toEqual({ from: "sales", to: "manager" });
  });

  it("ends a deactivated user's sessions and tokens at once, keeps the record, and can reactivate", async () => {
    const input = newUser();
    const created = (await admin.post("/api/users", input)).body;
    const session = await signIn(t.app, input.email, input.password);
    const token = (await session.post("/api/tokens", { name: "sync" })).body.token;
    const viaToken = new Client(t.app, token);
    expect((await viaToken.get("/api/me")).status).toBe(200);

    const deactivated = await admin.post(`/api/users/${created.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect(deactivated.body.deactivatedAt).not.toBeNull();
    expect((await session.get("/api/me")).status).toBe(401);
    expect((await viaToken.get("/api/me")).status).toBe(401);
    const login = await new Client(t.app).post("/api/auth/login", {
      email: input.email,
      password: input.password,
    });
    expect(login.status).toBe(401);

    const listed = await admin.get("/api/users?active=false");
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(created.id);
    const audit = await admin.get(`/api/audit?entityId=${created.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("user.deactivated");

    expect((await admin.post(`/api/users/${created.id}/reactivate`)).body.active).toBe(true);
    await signIn(t.app, input.email, input.password);
  });

  it("ends sessions when an admin resets a password", async () => {
    const input = newUser();
    const created = (await admin.post("/api/users", input)).body;
    const session = await signIn(t.app, input.email, input.password);
    await admin.patch(`/api/users/${created.id}`, { password: "reset-by-admin-1" });
    expect((await session.get("/api/me")).status).toBe(401);
    await signIn(t.app, input.email, "reset-by-admin-1");
  });

  it("never leaves the workspace without an active admin", async () => {
    const me = (await admin.get("/api/me")).body.user;
    expect((await admin.post(`/api/users/${me.id}/deactivate`)).status).toBe(409);
    const demote = await admin.patch(`/api/users/${me.id}`, { role: "sales" });
    expect(demote.status).toBe(409);
    expect((await admin.get("/api/me")).body.user.role).toBe("admin");
  });

  it("answers 404 for an unknown user", async () => {
    const response = await admin.patch("/api/users/00000000-0000-4000-8000-000000000000", { name: "x" });
    expect(response.status).toBe(404);
  });
});

describe("teams", () => {
  it("creates teams with a manager, counts members, and refuses duplicates", async () => {
    const { user: manager } = await createUserAndSignIn(admin, { role: "manager" });
    const team = await admin.post("/api/teams", { name: "Europe", managerId: manager.id });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name: "Europe", managerId: manager.id, memberCount: 0 });
    await createUserAndSignIn(admin, { role: "sales", teamId: team.body.id });
    const list = await admin.get("/api/teams");
    expect(list.body.items.find((x: { id: string }) => x.id === team.body.id).memberCount).toBe(1);
    expect((await admin.post("/api/teams", { name: "Europe" })).status).toBe(409);
    const badManager = await admin.post("/api/teams", {
      name: "Asia",
      managerId: "00000000-0000-4000-8000-000000000000",
    });
    expect(badManager.status).toBe(400);
    expect(badManager.body.error.message).toContain("managerId");
    const renamed = await admin.patch(`/api/teams/${team.body.id}`, { name: "Europe & Africa" });
    expect(renamed.body.name).toBe("Europe & Africa");
  });

  it("lets only admins change teams", async () => {
    const { client: manager } = await createUserAndSignIn(admin, { role: "manager" });
    expect((await manager.post("/api/teams", { name: "Rogue" })).status).toBe(403);
    expect((await manager.get("/api/teams")).status).toBe(200);
  });
});
