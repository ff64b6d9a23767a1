import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import type { Engine } from "../server/src/db/client";
import { BENCH_PASSWORD, type Dataset, loadDataset } from "./data/load";
import { type BenchDatabase, createBenchDatabase, openMigrated } from "./lib/database";
import { openRawDriver } from "./lib/driver";
import { ApiClient } from "./lib/http";
import { REPO_ROOT, startProcess } from "./lib/process";
import { percentiles, round } from "./lib/stats";
import { viewerOf } from "./lib/viewer";
import { type EngineRun, type ResultFile, writeResult, writeSummary } from "./report";
import { claim, detail, list, search } from "./scenarios/customers";
import { dashboard } from "./scenarios/dashboard";
import { duplicateCheck } from "./scenarios/duplicate-check";
import { importCustomers } from "./scenarios/import";
import { pkRead } from "./scenarios/pk-read";
import type {
  ApiOutcome,
  PlannedScenario,
  ScenarioFactory,
  ScenarioName,
  ScenarioResult,
  Settings,
} from "./scenarios/types";

// In the order they run: reads first, then the writes, the import last since it adds a workspace's
// worth of customers.
const SCENARIOS: [ScenarioName, ScenarioFactory][] = [
  ["duplicate-check", duplicateCheck],
  ["list", list],
  ["search", search],
  ["detail", detail],
  ["claim", claim],
  ["dashboard", dashboard],
  ["pk-read", pkRead],
  ["import-100k", importCustomers],
];

export type SuiteOptions = {
  engines: Engine[];
  scale: number;
  // Only these scenarios (all when absent).
  only?: ScenarioName[];
  adminUrl: string;
  resultsDir: string;
  settings: Settings;
  log: (line: string) => void;
  // Leave the loaded database in place after the run, to study its query plans.
  keep?: boolean;
};

export const DEFAULT_SETTINGS: Settings = {
  seed: 20261127,
  samples: 500,
  warmup: 50,
  floorSamples: 300,
  probes: 300,
  importRows: 100_000,
  pkReadSeconds: 10,
  pkReadConnections: 10,
};

function commitOf(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  try {
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+uncommitted changes" : ""}`;
  } catch {
    return "unknown";
  }
}

const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const describeCounts = (dataset: Dataset) =>
  Object.entries(dataset.counts)
    .map(([name, count]) => `${count.toLocaleString("en")} ${name}`)
    .join(", ");

// Loads the workspace, chooses every scenario's requests and measures their floors, all in this
// process; the database is closed again before the server opens it.
async function loadAndMeasureFloors(
  benchDatabase: BenchDatabase,
  options: SuiteOptions,
): Promise<{ dataset: Dataset; planned: PlannedScenario[]; floorP95: Map<ScenarioName, number> }> {
  const database = await openMigrated(benchDatabase);
  const driver = await openRawDriver(database);
  try {
    options.log(`loading ${options.scale.toLocaleString("en")} customers`);
    const dataset = await loadDataset(driver, {
      scale: options.scale,
      seed: options.settings.seed,
      db: database.db,
      log: options.log,
    });
    options.log(`  loaded in ${(dataset.loadMs / 1000).toFixed(1)} s: ${describeCounts(dataset)}`);
    const planned: PlannedScenario[] = [];
    for (const [name, factory] of SCENARIOS) {
      if (!options.only || options.only.includes(name))
        planned.push(await factory(dataset, options.settings));
    }
    const viewer = await viewerOf(database, dataset.workspaceId, dataset.rep.id);
    const floorP95 = new Map<ScenarioName, number>();
    for (const scenario of planned) {
      if (!scenario.floor) continue;
      options.log(`  floor ${scenario.name}`);
      const { latencies } = await scenario.floor({
        database,
        driver,
        viewer,
        dataset,
        settings: options.settings,
      });
      floorP95.set(scenario.name, percentiles(latencies).p95Ms);
    }
    return { dataset, planned, floorP95 };
  } finally {
    driver.release();
    await database.close();
  }
}

async function runEngine(engine: Engine, options: SuiteOptions, commit: string): Promise<EngineRun> {
  const loadAtStart = loadAverage();
  const date = new Date().toISOString();
  options.log(`\n${engine}: load average ${loadAtStart}`);
  const benchDatabase = await createBenchDatabase(engine, options.adminUrl);
  try {
    const { dataset, planned, floorP95 } = await loadAndMeasureFloors(benchDatabase, options);
    const server = await startProcess({
      script: "server/src/main.ts",
      args: ["start"],
      env: benchDatabase.serverEnv,
      readyPath: "/api/health",
    });
    const rep = new ApiClient(server.url);
    const manager = new ApiClient(server.url);
    const admin = new ApiClient(server.url);
    const scenarios: ScenarioResult[] = [];
    const details: EngineRun["details"] = {};
    const failures: string[] = [];
    try {
      await rep.signIn(dataset.rep.email, BENCH_PASSWORD);
      await manager.signIn(dataset.manager.email, BENCH_PASSWORD);
      await admin.signIn(dataset.admin.email, BENCH_PASSWORD);
      const context = {
        engine,
        rep,
        manager,
        admin,
        server,
        benchDatabase,
        dataset,
        settings: options.settings,
      };
      for (const scenario of planned) {
        if (!server.running()) {
          failures.push(`${scenario.name}: not run, the server had stopped`);
          continue;
        }
        options.log(`  ${scenario.name}`);
        server.resetPeakRss();
        let outcome: ApiOutcome;
        try {
          outcome = await scenario.api(context);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          options.log(`  ${scenario.name} failed: ${message}\n${server.output()}`);
          failures.push(`${scenario.name} failed: ${message}`);
          continue;
        }
        const floor = floorP95.get(scenario.name) ?? outcome.floorP95Ms;
        scenarios.push({
          name: scenario.name,
          ...percentiles(outcome.latencies),
          ...(outcome.totalMs === undefined ? {} : { totalMs: outcome.totalMs }),
          ...(floor === undefined ? {} : { floorP95Ms: floor }),
          ...(outcome.throughputPerSec === undefined ? {} : { throughputPerSec: outcome.throughputPerSec }),
          ...(outcome.floorThroughputPerSec === undefined
            ? {}
            : { floorThroughputPerSec: outcome.floorThroughputPerSec }),
          ...(outcome.recall === undefined ? {} : { recall: outcome.recall }),
          peakRssMb: server.peakRssMb(),
        });
        details[scenario.name] = outcome.details;
      }
    } finally {
      rep.close();
      manager.close();
      admin.close();
      await server.stop();
    }
    const result: ResultFile = { engine, scale: options.scale, date, commit, scenarios };
    return {
      result,
      details,
      failures,
      notes: [
        `load average (1, 5, 15 min) on these ${os.cpus().length} cores: ${loadAtStart} at the start, ${loadAverage()} at the end`,
        `dataset: ${describeCounts(dataset)}; generated and loaded in ${round(dataset.loadMs / 1000, 1)} s`,
      ],
    };
  } finally {
    if (options.keep) options.log(`  kept: ${JSON.stringify(benchDatabase.serverEnv)}`);
    else await benchDatabase.drop();
  }
}

export async function runSuite(options: SuiteOptions): Promise<{ runs: EngineRun[]; files: string[] }> {
  const runs: EngineRun[] = [];
  const files: string[] = [];
  // Read before the first results are written, which would count as changes for the next engine.
  const commit = commitOf();
  for (const engine of options.engines) {
    const run = await runEngine(engine, options, commit);
    runs.push(run);
    files.push(writeResult(options.resultsDir, run.result));
  }
  files.push(writeSummary(options.resultsDir, runs));
  return { runs, files };
}
