import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  createTestApp,
  createTestDatabase,
  setupWorkspace,
  signIn,
  TEST_CONFIG,
  TEST_ENGINE,
  type TestApp,
} from "../../test/harness";
import { buildApp } from "../app";
import { createWorkspaceWithAdmin } from "../modules/workspaces/workspaces.service";
import { undeclaredRoutes } from "./auth";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
});
afterAll(() => t.close());

describe("route permissions", () => {
  it("every non-public /api route declares the permission it needs", () => {
    const apiRoutes = t.app.routeRegistry.filter((route) => route.url.startsWith("/api/"));
    expect(apiRoutes.length).toBeGreaterThan(15);
    expect(undeclaredRoutes(t.app.routeRegistry)).toEqual([]);
  });

  it("the check finds a route that declares nothing, and such a route is refused at run time", async () => {
    const testDb = await createTestDatabase();
    const app = await buildApp({ database: testDb.database, config: TEST_CONFIG });
    app.get("/api/forgotten", async () => ({ secret: true }));
    await app.ready();
    try {
      expect(undeclaredRoutes(app.routeRegistry).map((r) => `${r.method} ${r.url}`)).toContain(
        "GET /api/forgotten",
      );
      const anonymous = await app.inject({ method: "GET", url: "/api/forgotten" });
      expect(anonymous.statusCode).toBe(401);
      const signedIn = await setupWorkspace(app);
      const response = await signedIn.get("/api/forgotten");
      expect(response.status).toBe(403);
    } finally {
      await app.close();
      await testDb.drop();
    }
  });
});

describe("health and documentation", () => {
  it("reports the engine and version", async () => {
    const response = await new Client(t.app).get("/api/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ok",
      database: TEST_ENGINE,
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it("serves a valid OpenAPI 3 document and the docs page", async () => {
    const spec = (await new Client(t.app).get("/api/openapi.json")).body;
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths["/api/users"].post).toBeDefined();
    await SwaggerParser.validate(structuredClone(spec));
    const docs = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
  });

  it("answers unknown routes with the error shape", async () => {
    const response = await admin.get("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });
});

describe("workspace isolation", () => {
  it("a user of another workspace can neither see nor change anything of this one", async () => {
    const victimUser = (
      await admin.post("/api/users", {
        name: "Victim",
        email: "victim@example.com",
        role: "sales",
        password: "victim-password",
      })
    ).body;
    const team = (await admin.post("/api/teams", { name: "Secret team" })).body;
    const token = (await admin.post("/api/tokens", { name: "admin token" })).body;

    await createWorkspaceWithAdmin(
      t.database.db,
      {
        workspaceName: "Other Co",
        adminName: "Mallory",
        email: "mallory@example.com",
        password: "mallory-password",
      },
      { onlyIfNone: false },
    );
    const mallory = await signIn(t.app, "mallory@example.com", "mallory-password");
    const users = (await mallory.get("/api/users?active=all")).body.items;
    expect(users.map((u: { email: string }) => u.email)).toEqual(["mallory@example.com"]);
    expect((await mallory.get("/api/teams")).body.items).toEqual([]);
    expect(
      (await mallory.get("/api/audit")).body.items.every(
        (e: { entityId: string }) => e.entityId !== victimUser.id,
      ),
    ).toBe(true);

    expect((await mallory.patch(`/api/users/${victimUser.id}`, { name: "Pwned" })).status).toBe(404);
    expect((await mallory.post(`/api/users/${victimUser.id}/deactivate`)).status).toBe(404);
    expect((await mallory.patch(`/api/teams/${team.id}`, { name: "Pwned" })).status).toBe(404);
    expect((await mallory.delete(`/api/tokens/${token.id}`)).status).toBe(404);
    const makeMember = await mallory.post("/api/users", {
      name: "Spy",
      email: "spy@example.com",
      role: "sales",
      password: "spy-password-1",
      teamId: team.id,
    });
    expect(makeMember.status).toBe(400);

    const victim = (await admin.get("/api/users?active=all")).body.items.find(
      (u: { id: string }) => u.id === victimUser.id,
    );
    expect(victim).toMatchObject({ name: "Victim", active: true });
    expect((await admin.get("/api/teams")).body.items[0].name).toBe("Secret team");
  });
});
