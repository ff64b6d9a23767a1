import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../server/src/db/client";
import { refreshDerived } from "../server/src/modules/customers/customers.service";
import { customers } from "../server/src/modules/customers/customers.table";
import { customerMatchKeys } from "../server/src/modules/dedupe/dedupe.table";
import { TEST_ENGINE } from "../server/test/harness";
import { type Dataset, loadDataset } from "./data/load";
import { type BenchDatabase, createBenchDatabase, DEFAULT_ADMIN_URL, openMigrated } from "./lib/database";
import { openRawDriver } from "./lib/driver";
import type { ResultFile } from "./report";
import { SCENARIO_NAMES } from "./scenarios/types";
import { DEFAULT_SETTINGS, runSuite } from "./suite";

// The whole harness on a few hundred customers, so it cannot rot. No timing is asserted: only that
// every scenario produced numbers in the promised shape.

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const RESULT_KEYS = new Set([
  "name",
  "p50Ms",
  "p95Ms",
  "p99Ms",
  "totalMs",
  "floorP95Ms",
  "throughputPerSec",
  "floorThroughputPerSec",
  "recall",
  "peakRssMb",
]);

describe("the loaded workspace", () => {
  let benchDatabase: BenchDatabase;
  let database: Database;
  let dataset: Dataset;

  beforeAll(async () => {
    benchDatabase = await createBenchDatabase(TEST_ENGINE, ADMIN_URL);
    database = await openMigrated(benchDatabase);
    const driver = await openRawDriver(database);
    dataset = await loadDataset(driver, { scale: 150, seed: 1, db: database.db });
    driver.release();
  });

  afterAll(async () => {
    await database?.close();
    await benchDatabase?.drop();
  });

  it("has the derived columns and duplicate-check keys the app computes", async () => {
    const { db } = database;
    const snapshot = async (id: string) => {
      const [row] = await db
        .select({ searchText: customers.searchText, emailDomains: customers.emailDomains })
        .from(customers)
        .where(and(eq(customers.workspaceId, dataset.workspaceId), eq(customers.id, id)));
      const keys = await db
        .select({ kind: customerMatchKeys.kind, value: customerMatchKeys.value })
        .from(customerMatchKeys)
        .where(
          and(eq(customerMatchKeys.workspaceId, dataset.workspaceId), eq(customerMatchKeys.customerId, id)),
        );
      return { ...row, keys: keys.map((key) => `${key.kind}:${key.value}`).sort() };
    };
    const ids = dataset.sampled.slice(0, 20).map((sampled) => sampled.id);
    expect(ids.length).toBe(20);
    for (const id of ids) {
      const loaded = await snapshot(id);
      await db.transaction((tx) => refreshDerived(tx, dataset.workspaceId, id));
      expect(await snapshot(id)).toEqual(loaded);
    }
  });

  it("has orders with lines, and the sales rollup counts the confirmed ones", async () => {
    expect(dataset.counts.orders).toBeGreaterThan(0);
    // About 10 lines per 2 customers.
    expect(dataset.counts.orderLines / dataset.counts.customers).toBeGreaterThan(4);
    expect(dataset.counts.orderLines / dataset.counts.customers).toBeLessThan(6);
    const [counted] = (
      await database.db.execute<{ orders: number; rollup: number; currencies: number }>(sql`
        select
          (select count(*)::int from orders where workspace_id = ${dataset.workspaceId}
            and confirmed_at is not null and status <> 'cancelled') as orders,
          (select coalesce(sum(orders), 0)::int from sales_monthly
            where workspace_id = ${dataset.workspaceId}) as rollup,
          (select count(distinct currency)::int from orders
            where workspace_id = ${dataset.workspaceId}) as currencies`)
    ).rows;
    expect(counted?.orders).toBeGreaterThan(0);
    expect(counted?.rollup).toBe(counted?.orders);
    expect(counted?.currencies).toBeGreaterThan(1);
  });

  it("has unique names and phone numbers", async () => {
    const names = dataset.sampled.map((sampled) => sampled.company.name);
    expect(new Set(names).size).toBe(names.length);
    const phones = dataset.sampled.flatMap(({ company }) => [
      company.phone,
      ...company.contacts.map((contact) => contact.phone),
    ]);
    const present = phones.filter((phone) => phone !== null);
    expect(new Set(present).size).toBe(present.length);
  });
});

describe("the benchmark suite", () => {
  it("runs every scenario and writes the results in the promised shape", async () => {
    const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-results-"));
    try {
      const { files } = await runSuite({
        engines: [TEST_ENGINE],
        scale: 300,
        adminUrl: ADMIN_URL,
        resultsDir,
        settings: {
          ...DEFAULT_SETTINGS,
          samples: 6,
          warmup: 2,
          floorSamples: 4,
          probes: 8,
          importRows: 150,
          pkReadSeconds: 1,
          pkReadConnections: 2,
        },
        log: () => undefined,
      });
      const [jsonFile, summaryFile] = files;
      if (!jsonFile || !summaryFile) throw new Error("the suite wrote no files");
      const result = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as ResultFile;
      expect(Object.keys(result).sort()).toEqual(["commit", "date", "engine", "scale", "scenarios"]);
      expect(result).toMatchObject({ engine: TEST_ENGINE, scale: 300 });
      expect(Number.isNaN(Date.parse(result.date))).toBe(false);
      expect(result.scenarios.map((scenario) => scenario.name).sort()).toEqual([...SCENARIO_NAMES].sort());
      for (const scenario of result.scenarios) {
        for (const key of Object.keys(scenario)) expect(RESULT_KEYS.has(key), key).toBe(true);
        for (const value of [scenario.p50Ms, scenario.p95Ms, scenario.p99Ms, scenario.peakRssMb]) {
          expect(Number.isFinite(value) && value > 0, `${scenario.name}: ${value}`).toBe(true);
        }
      }
      const byName = new Map(result.scenarios.map((scenario) => [scenario.name, scenario]));
      for (const name of ["duplicate-check", "list", "search", "detail", "claim", "dashboard"] as const) {
        expect(byName.get(name)?.floorP95Ms, name).toBeGreaterThan(0);
      }
      expect(byName.get("duplicate-check")?.recall).toBeGreaterThanOrEqual(0);
      expect(byName.get("import-100k")?.totalMs).toBeGreaterThan(0);
      expect(byName.get("pk-read")?.throughputPerSec).toBeGreaterThan(0);
      if (TEST_ENGINE === "postgres") expect(byName.get("pk-read")?.floorThroughputPerSec).toBeGreaterThan(0);
      expect(fs.readFileSync(summaryFile, "utf8")).toContain("## Against the targets");
    } finally {
      fs.rmSync(resultsDir, { recursive: true, force: true });
    }
  }, 120_000);
});
