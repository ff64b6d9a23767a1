import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, Client, createTestApp, setupWorkspace, signIn, type TestApp } from "../../../test/harness";

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
});
afterAll(() => t.close());

describe("setup", () => {
  it("is closed once a workspace exists", async () => {
    expect((await new Client(t.app).get("/api/setup")).body).toEqual({ needed: false });
    const again = await new Client(t.app).post("/api/setup", {
      workspaceName: "Second",
      adminName: "Eve",
      email: "eve@example.com",
      password: "another-password",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("setup_done");
  });

  it("signed the first admin in with a safe session cookie", async () => {
    const me = await admin.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: ADMIN.email, role: "admin" });
    expect(me.body.workspace).toMatchObject({
      name: "Test Exports Ltd",
      currency: "CNY",
      timeZone: "Asia/Shanghai",
    });
    expect(me.body.permissions).toContain("users.manage");
  });
});

describe("login", () => {
  it("answers the same 401 for an unknown e-mail and a wrong password", async () => {
    const unknown = await new Client(t.app).post("/api/auth/login", {
      email: "nobody@example.com",
      password: "whatever-123",
    });
    const wrong = await new Client(t.app).post("/api/auth/login", {
      email: ADMIN.email,
      password: "wrong-password",
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body.error.code).toBe("invalid_credentials");
  });

  it("sets an httpOnly SameSite=Lax cookie, and logout ends the session", async () => {
    const client = new Client(t.app);
    const login = await client.post("/api/auth/login", {
      email: ADMIN.email.toUpperCase(),
      password: ADMIN.password,
    });
    expect(login.status).toBe(200);
    const cookie = login.raw.cookies.find((c) => c.name === "tw_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    const stolen = client.cookie;
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    const replay = new Client(t.app);
    replay.cookie = stolen;
    expect((await replay.get("/api/me")).status).toBe(401);
  });

  it("ignores X-Forwarded-Proto unless the proxy is trusted", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https", origin: "https://localhost:80" },
      payload: { email: ADMIN.email, password: ADMIN.password },
    });
    // The request is plain HTTP, so an https Origin is another site.
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("bad_origin");
  });

  it("rejects a malformed body naming the field", async () => {
    const response = await new Client(t.app).post("/api/auth/login", {
      email: "not-an-email",
      password: "x",
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation");
    expect(response.body.error.message).toContain("email");
  });

  it("needs a session for /api/me", async () => {
    const response = await new Client(t.app).get("/api/me");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });
});

describe("profile", () => {
  it("remembers language and time zone, and refuses an unknown time zone", async () => {
    const ok = await admin.patch("/api/me", { locale: "zh-CN", timeZone: "Europe/Berlin" });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ locale: "zh-CN", timeZone: "Europe/Berlin" });
    expect((await admin.get("/api/me")).body.user.locale).toBe("zh-CN");
    const bad = await admin.patch("/api/me", { timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("timeZone");
    const massAssignment = await admin.patch("/api/me", { role: "sales" });
    expect(massAssignment.status).toBe(400);
    expect((await admin.get("/api/me")).body.user.role).toBe("admin");
  });

  it("changes the password, ending other sessions but not this one", async () => {
    const other = await signIn(t.app, ADMIN.email, ADMIN.password);
    const tooShort = await admin.post("/api/me/password", {
      currentPassword: ADMIN.password,
      newPassword: "short",
    });
    expect(tooShort.status).toBe(400);
    const wrongCurrent = await admin.post("/api/me/password", {
      currentPassword: "nope-nope-nope",
      newPassword: "brand-new-password",
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.message).toContain("currentPassword");
    const changed = await admin.post("/api/me/password", {
      currentPassword: ADMIN.password,
      newPassword: "brand-new-password",
    });
    expect(changed.status).toBe(204);
    expect((await admin.get("/api/me")).status).toBe(200);
    expect((await other.get("/api/me")).status).toBe(401);
    await signIn(t.app, ADMIN.email, "brand-new-password");
    await admin.post("/api/me/password", {
      currentPassword: "brand-new-password",
      newPassword: ADMIN.password,
    });
  });
});

describe("cross-site protection", () => {
  it("refuses a cookie-authenticated change from another origin or without an origin", async () => {
    const foreign = await admin.patch(
      "/api/me",
      { name: "Hacked" },
      { headers: { origin: "https://evil.example" } },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("bad_origin");
    const noOrigin = await t.app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: { cookie: `tw_session=${admin.cookie}` },
      payload: { name: "Hacked" },
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await admin.get("/api/me")).body.user.name).toBe("Ada Admin");
  });

  it("sends security headers", async () => {
    const response = await admin.get("/api/me");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
    // Computed once at start, they must reach answers that never reach a route too.
    const missing = await admin.get("/api/no-such-route");
    expect(missing.status).toBe(404);
    expect(missing.headers["content-security-policy"]).toBe(response.headers["content-security-policy"]);
    expect(missing.headers["x-powered-by"]).toBeUndefined();
  });

  it("refuses an oversized body with 413", async () => {
    const response = await admin.patch("/api/me", { name: "x".repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("payload_too_large");
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const response = await admin.request("PATCH", "/api/me", {
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });
});

describe("rate limiting and HTTPS", () => {
  let limited: TestApp;
  let limitedAdmin: Client;
  beforeAll(async () => {
    limited = await createTestApp({ loginRatePerMinute: 3, trustProxy: true });
    limitedAdmin = await setupWorkspace(limited.app);
  });
  afterAll(() => limited.close());

  it("limits login attempts per account even across addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await limited.app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: `10.0.0.${i + 1}`,
        payload: { email: ADMIN.email, password: "wrong-password" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const body = (
      await limited.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: ADMIN.email, password: "x" },
      })
    ).json();
    expect(body.error.code).toBe("rate_limited");
  });

  it("limits login attempts per address across accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await limited.app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: "10.9.9.9",
        payload: { email: `someone${i}@example.com`, password: "wrong-password" },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
  });

  it("marks the session cookie Secure behind an HTTPS proxy, and not over plain HTTP", async () => {
    const user = {
      name: "Pia Proxy",
      email: "pia@example.com",
      role: "sales",
      password: "behind-the-proxy-1",
    };
    expect((await limitedAdmin.post("/api/users", user)).status).toBe(201);
    const login = (proto: string, address: string) =>
      limited.app.inject({
        method: "POST",
        url: "/api/auth/login",
        remoteAddress: address,
        headers: {
          "x-forwarded-proto": proto,
          "x-forwarded-host": "crm.example.com",
          origin: `${proto}://crm.example.com`,
        },
        payload: { email: user.email, password: user.password },
      });
    const overHttps = await login("https", "10.1.1.1");
    expect(overHttps.statusCode).toBe(200);
    expect(overHttps.cookies.find((c) => c.name === "tw_session")?.secure).toBe(true);
    const overHttp = await login("http", "10.1.1.2");
    expect(overHttp.statusCode).toBe(200);
    expect(overHttp.cookies.find((c) => c.name === "tw_session")?.secure).toBeFalsy();
  });
});
