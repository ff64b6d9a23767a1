import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { backgroundTasks } from "../../jobs/registry";
import { runOncePerPeriod } from "../../jobs/scheduler";
import { runPoolMaintenance } from "./pool.service";

let t: TestApp;
let admin: Client;
let manager: Client;
const reps: { client: Client; user: { id: string; name: string } }[] = [];
let otherManager: Client;

const DAY = 24 * 3600 * 1000;
let counter = 0;

async function poolCustomer(name = `Pool Buyer ${++counter} Trading`): Promise<string> {
  const response = await manager.post("/api/customers", {
    name,
    country: "ES",
    website: `https://pool-${counter}-${Date.now()}.es`,
    ownerId: null,
    confirmNotDuplicate: true,
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  const m = await createUserAndSignIn(admin, { role: "manager", name: "Mia Manager" });
  manager = m.client;
  otherManager = (await createUserAndSignIn(admin, { role: "manager", name: "Otto Other" })).client;
  const team = (await admin.post("/api/teams", { name: "Iberia", managerId: m.user.id })).body;
  // reps[0..19] race for one customer below; the handover's reps stay out of it, so what they own is known.
  for (let i = 0; i < 24; i++)
    reps.push(await createUserAndSignIn(admin, { role: "sales", teamId: team.id, name: `Rep ${i}` }));
});
afterAll(() => t.close());

describe("claiming from the pool", () => {
  it("20 concurrent claims of one customer give exactly one owner and 19 clear refusals", async () => {
    const id = await poolCustomer();
    const results = await Promise.all(
      reps.slice(0, 20).map((rep) => rep.client.post(`/api/customers/${id}/claim`)),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 409);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.body.error.details.reason).toBe("not_in_pool");
      expect(loser.body.error.message).toMatch(
        /no longer in the public pool|claimed this customer a moment ago/,
      );
    }
    const owner = (await admin.get(`/api/customers/${id}`)).body.ownerId;
    expect(owner).toBe(winners[0]?.body.ownerId);
    const history = (await admin.get(`/api/customers/${id}/timeline`)).body.items.filter(
      (e: { type: string }) => e.type === "claimed",
    );
    expect(history).toHaveLength(1);
  });

  it("holds the private-customer limit under concurrent claims", async () => {
    await admin.patch("/api/settings/pool", { maxPrivatePerRep: 3 });
    try {
      const rep = reps[20];
      if (!rep) throw new Error("missing rep");
      const poolIds = [];
      for (let i = 0; i < 6; i++) poolIds.push(await poolCustomer());
      const results = await Promise.all(poolIds.map((id) => rep.client.post(`/api/customers/${id}/claim`)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      const refused = results.filter((r) => r.status === 409);
      expect(refused).toHaveLength(3);
      expect(refused[0]?.body.error.details.reason).toBe("limit_reached");
      expect(refused[0]?.body.error.message).toContain("3 private customers");
      const mine = (await rep.client.get("/api/customers?scope=mine")).body;
      expect(mine.total).toBe(3);
    } finally {
      await admin.patch("/api/settings/pool", { maxPrivatePerRep: 300 });
    }
  });

  it("refuses reclaiming within the cooling-off period, even concurrently, but a colleague may claim", async () => {
    const rep = reps[1];
    const colleague = reps[2];
    if (!rep || !colleague) throw new Error("missing reps");
    const id = await poolCustomer();
    expect((await rep.client.post(`/api/customers/${id}/claim`)).status).toBe(200);
    const released = await rep.client.post(`/api/customers/${id}/release`, { reason: "Not a fit" });
    expect(released.body.inPublicPool).toBe(true);
    const retries = await Promise.all([1, 2, 3].map(() => rep.client.post(`/api/customers/${id}/claim`)));
    for (const retry of retries) {
      expect(retry.status).toBe(409);
      expect(retry.body.error.details.reason).toBe("cooling_off");
    }
    expect((await colleague.client.post(`/api/customers/${id}/claim`)).status).toBe(200);
  });

  it("needs a reason to release, and only the owner's side may release", async () => {
    const [owner, stranger] = [reps[3], reps[4]];
    if (!owner || !stranger) throw new Error("missing reps");
    const id = await poolCustomer();
    await owner.client.post(`/api/customers/${id}/claim`);
    expect((await owner.client.post(`/api/customers/${id}/release`, { reason: "" })).status).toBe(400);
    expect((await stranger.client.post(`/api/customers/${id}/release`, { reason: "x" })).status).toBe(404);
    expect((await otherManager.post(`/api/customers/${id}/release`, { reason: "x" })).status).toBe(404);
    expect((await manager.post(`/api/customers/${id}/release`, { reason: "Rep overloaded" })).status).toBe(
      200,
    );
  });
});

describe("transfers and handover", () => {
  it("a manager transfers a team member's customer; both sides are notified and history kept", async () => {
    const [from, to] = [reps[5], reps[6]];
    if (!from || !to) throw new Error("missing reps");
    const id = await poolCustomer();
    await from.client.post(`/api/customers/${id}/claim`);
    expect((await from.client.post(`/api/customers/${id}/transfer`, { toUserId: to.user.id })).status).toBe(
      403,
    );
    expect((await otherManager.post(`/api/customers/${id}/transfer`, { toUserId: to.user.id })).status).toBe(
      404,
    );
    const response = await manager.post(`/api/customers/${id}/transfer`, {
      toUserId: to.user.id,
      reason: "Territory change",
    });
    expect(response.status).toBe(200);
    expect(response.body.ownerId).toBe(to.user.id);
    const toNotes = (await to.client.get("/api/notifications")).body.items;
    expect(toNotes[0]).toMatchObject({ type: "customer_transferred_to_you", entityId: id });
    const fromNotes = (await from.client.get("/api/notifications")).body.items;
    expect(fromNotes[0]).toMatchObject({ type: "customer_transferred_from_you", entityId: id });
    const entry = (await manager.get(`/api/customers/${id}/timeline`)).body.items.find(
      (e: { type: string }) => e.type === "transferred",
    );
    expect(entry.data).toMatchObject({
      fromUserId: from.user.id,
      toUserId: to.user.id,
      reason: "Territory change",
    });
    const audit = (await admin.get(`/api/audit?entityType=customer&entityId=${id}`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toContain("customer.transferred");
    expect(
      (
        await manager.post(`/api/customers/${id}/transfer`, {
          toUserId: "00000000-0000-4000-8000-000000000000",
        })
      ).status,
    ).toBe(400);
  });

  it("hands a leaving rep's customers over round-robin in one step", async () => {
    const [leaver, x, y] = [reps[21], reps[22], reps[23]];
    if (!leaver || !x || !y) throw new Error("missing reps");
    const claimed = [];
    for (let i = 0; i < 5; i++) {
      const id = await poolCustomer();
      await leaver.client.post(`/api/customers/${id}/claim`);
      claimed.push(id);
    }
    const denied = await otherManager.post("/api/customers/handover", {
      fromUserId: leaver.user.id,
      toUserIds: [x.user.id],
    });
    expect(denied.status).toBe(403);
    const response = await manager.post("/api/customers/handover", {
      fromUserId: leaver.user.id,
      toUserIds: [x.user.id, y.user.id],
      mode: "round-robin",
      reason: "Left the company",
    });
    expect(response.status).toBe(200);
    expect(response.body.moved).toBe(5);
    expect(response.body.assignments).toEqual([
      { userId: x.user.id, count: 3 },
      { userId: y.user.id, count: 2 },
    ]);
    expect((await leaver.client.get("/api/customers?scope=mine")).body.total).toBe(0);
    const entry = (await admin.get(`/api/customers/${claimed[0]}/timeline`)).body.items[0];
    expect(entry).toMatchObject({
      type: "handover",
      data: { fromUserId: leaver.user.id, reason: "Left the company" },
    });
  });
});

describe("automatic release", () => {
  it("warns three days ahead, then returns idle customers to the pool exactly once", async () => {
    const rep = reps[10];
    if (!rep) throw new Error("missing rep");
    const id = await poolCustomer("Idle Imports Sarl");
    await rep.client.post(`/api/customers/${id}/claim`);
    const task = backgroundTasks.find((candidate) => candidate.name === "pool-maintenance");
    if (!task) throw new Error("pool-maintenance task missing");

    const day27 = new Date(Date.now() + 27.5 * DAY);
    // Two instances ticking in the same hour: only one runs the task.
    const runs = await Promise.all([
      runOncePerPeriod(t.database.db, task, day27),
      runOncePerPeriod(t.database.db, task, day27),
    ]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    const warnings = (await rep.client.get("/api/notifications")).body.items.filter(
      (n: { type: string; entityId: string }) => n.type === "pool_release_soon" && n.entityId === id,
    );
    expect(warnings).toHaveLength(1);
    expect((await admin.get(`/api/customers/${id}`)).body.ownerId).toBe(rep.user.id);

    const day31 = new Date(Date.now() + 31 * DAY);
    await runPoolMaintenance(t.database.db, day31);
    await runPoolMaintenance(t.database.db, day31);
    const after = (await admin.get(`/api/customers/${id}`)).body;
    expect(after.inPublicPool).toBe(true);
    const released = (await rep.client.get("/api/notifications")).body.items.filter(
      (n: { type: string; entityId: string }) => n.type === "pool_released" && n.entityId === id,
    );
    expect(released).toHaveLength(1);
    const history = (await admin.get(`/api/customers/${id}/timeline`)).body.items.filter(
      (e: { type: string }) => e.type === "auto_released",
    );
    expect(history).toHaveLength(1);
    expect(history[0].data).toMatchObject({ fromUserId: rep.user.id, reason: "No follow-up for 30 days" });
  });

  it("a follow-up restarts the clock", async () => {
    const rep = reps[11];
    if (!rep) throw new Error("missing rep");
    const id = await poolCustomer("Busy Buyer Sarl");
    await rep.client.post(`/api/customers/${id}/claim`);
    await rep.client.post(`/api/customers/${id}/follow-ups`, { type: "call", summary: "Still interested" });
    await runPoolMaintenance(t.database.db, new Date(Date.now() + 20 * DAY));
    expect((await admin.get(`/api/customers/${id}`)).body.ownerId).toBe(rep.user.id);
  });

  it("pool settings are validated and only admins change them", async () => {
    expect((await manager.patch("/api/settings/pool", { releaseAfterDays: 10 })).status).toBe(403);
    expect((await admin.patch("/api/settings/pool", { releaseAfterDays: 0 })).status).toBe(400);
    expect((await admin.patch("/api/settings/pool", { unknown: 1 })).status).toBe(400);
    expect((await manager.get("/api/settings/pool")).body).toEqual({
      releaseAfterDays: 30,
      maxPrivatePerRep: 300,
      reclaimCooldownDays: 7,
    });
  });
});
