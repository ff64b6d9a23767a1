import type { Database, Engine } from "../../server/src/db/client";
import type { Viewer } from "../../server/src/modules/customers/customers.policy";
import type { Dataset } from "../data/load";
import type { BenchDatabase } from "../lib/database";
import type { RawDriver } from "../lib/driver";
import type { ApiClient } from "../lib/http";
import type { ServerProcess } from "../lib/process";
import { percentiles, timeEach } from "../lib/stats";

export const SCENARIO_NAMES = [
  "duplicate-check",
  "list",
  "search",
  "detail",
  "claim",
  "import-100k",
  "dashboard",
  "pk-read",
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

// One row of bench/results/<date>-<engine>-<scale>.json.
export type ScenarioResult = {
  name: ScenarioName;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  totalMs?: number;
  floorP95Ms?: number;
  throughputPerSec?: number;
  floorThroughputPerSec?: number;
  recall?: number;
  peakRssMb: number;
};

export type Settings = {
  seed: number;
  // Measured requests per latency scenario, and unmeasured ones before them.
  samples: number;
  warmup: number;
  // Replays of the same statements through the driver.
  floorSamples: number;
  // Duplicate-check probes, each sent twice (name alone; name + domain + phone).
  probes: number;
  importRows: number;
  pkReadSeconds: number;
  pkReadConnections: number;
};

// The floor runs in the bench process on the open database, before the server starts (PGlite lets one
// process at a time hold its folder).
export type FloorContext = {
  database: Database;
  driver: RawDriver;
  viewer: Viewer;
  dataset: Dataset;
  settings: Settings;
};

export type ApiContext = {
  engine: Engine;
  rep: ApiClient;
  manager: ApiClient;
  admin: ApiClient;
  server: ServerProcess;
  benchDatabase: BenchDatabase;
  dataset: Dataset;
  settings: Settings;
};

export type FloorOutcome = { latencies: number[] };

export type ApiOutcome = {
  latencies: number[];
  totalMs?: number;
  throughputPerSec?: number;
  floorP95Ms?: number;
  floorThroughputPerSec?: number;
  recall?: number;
  // Breakdowns for the markdown summary.
  details: string[];
};

// A scenario with its requests chosen from the dataset up front, so the floor and the API measure
// the same work.
export type PlannedScenario = {
  name: ScenarioName;
  floor?: (context: FloorContext) => Promise<FloorOutcome>;
  api: (context: ApiContext) => Promise<ApiOutcome>;
};

export type ScenarioFactory = (dataset: Dataset, settings: Settings) => Promise<PlannedScenario>;

// Sends the first `warmup` items unmeasured, then times the others one after the other.
export async function measure<T>(
  items: readonly T[],
  warmup: number,
  call: (item: T) => Promise<unknown>,
): Promise<number[]> {
  for (const item of items.slice(0, warmup)) await call(item);
  return timeEach(items.slice(warmup), call);
}

// The p95 of each kind of request, in the order the kinds first appear.
export function p95ByKind(measured: readonly { kind: string }[], latencies: number[]): [string, number][] {
  const byKind = new Map<string, number[]>();
  measured.forEach((request, at) => {
    byKind.set(request.kind, [...(byKind.get(request.kind) ?? []), latencies[at] ?? 0]);
  });
  return [...byKind].map(([kind, times]) => [kind, percentiles(times).p95Ms]);
}
