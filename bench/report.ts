import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Engine } from "../server/src/db/client";
import { round } from "./lib/stats";
import type { ScenarioName, ScenarioResult } from "./scenarios/types";

// The results file of one engine at one scale, bench/results/<date>-<engine>-<scale>.json.
export type ResultFile = {
  engine: Engine;
  scale: number;
  date: string;
  commit: string;
  scenarios: ScenarioResult[];
};

// What a run knows beyond the results file, for the markdown summary.
export type EngineRun = {
  result: ResultFile;
  details: Partial<Record<ScenarioName, string[]>>;
  notes: string[];
  // Scenarios that produced no numbers, and why.
  failures: string[];
};

const ENGINE_NAMES: Record<Engine, string> = { postgres: "PostgreSQL", pglite: "PGlite" };

export const dayOf = (isoDate: string) => isoDate.slice(0, 10);

export function resultPath(dir: string, result: Pick<ResultFile, "date" | "engine" | "scale">): string {
  return path.join(dir, `${dayOf(result.date)}-${result.engine}-${result.scale}.json`);
}

export function summaryPath(dir: string, date: string, scale: number): string {
  return path.join(dir, `${dayOf(date)}-${scale}.md`);
}

const ratio = (result: ScenarioResult) =>
  result.floorThroughputPerSec
    ? round((result.throughputPerSec ?? 0) / result.floorThroughputPerSec, 2)
    : result.floorP95Ms
      ? round(result.p95Ms / result.floorP95Ms, 1)
      : undefined;

const COLUMNS: [string, (result: ScenarioResult) => number | string | undefined][] = [
  ["scenario", (r) => r.name],
  ["p50 ms", (r) => r.p50Ms],
  ["p95 ms", (r) => r.p95Ms],
  ["p99 ms", (r) => r.p99Ms],
  ["floor p95 ms", (r) => r.floorP95Ms],
  ["API/floor", ratio],
  ["req/s", (r) => r.throughputPerSec],
  ["floor req/s", (r) => r.floorThroughputPerSec],
  ["recall", (r) => r.recall],
  ["total s", (r) => (r.totalMs === undefined ? undefined : round(r.totalMs / 1000, 1))],
  ["peak RSS MB", (r) => r.peakRssMb],
];

const cell = (value: number | string | undefined) => (value === undefined ? "" : String(value));

export function textTable(result: ResultFile): string {
  const rows = [
    COLUMNS.map(([title]) => title),
    ...result.scenarios.map((r) => COLUMNS.map(([, get]) => cell(get(r)))),
  ];
  const widths = COLUMNS.map((_, at) => Math.max(...rows.map((row) => (row[at] ?? "").length)));
  return rows.map((row) => row.map((text, at) => text.padEnd(widths[at] ?? 0)).join("  ")).join("\n");
}

function markdownTable(result: ResultFile): string {
  const header = `| ${COLUMNS.map(([title]) => title).join(" | ")} |`;
  const rule = `|${COLUMNS.map(() => "---").join("|")}|`;
  const rows = result.scenarios.map((r) => `| ${COLUMNS.map(([, get]) => cell(get(r))).join(" | ")} |`);
  return [header, rule, ...rows].join("\n");
}

// The targets of issue 7, for a 2-core machine and PostgreSQL 15 with default settings.
type Limits = Partial<Record<Engine, number>>;
type Target = {
  label: string;
  scenario: ScenarioName;
  value: (result: ScenarioResult) => number | undefined;
  unit: string;
  atLeast?: boolean;
  at100k?: Limits;
  at1M?: Limits;
};

const TARGETS: Target[] = [
  {
    label: "duplicate check p95",
    scenario: "duplicate-check",
    value: (r) => r.p95Ms,
    unit: " ms",
    at100k: { postgres: 5, pglite: 10 },
    at1M: { postgres: 10, pglite: 25 },
  },
  {
    label: "duplicate-check recall, altered probes, name alone",
    scenario: "duplicate-check",
    value: (r) => r.recall,
    unit: "",
    atLeast: true,
    at100k: { postgres: 0.95, pglite: 0.95 },
    at1M: { postgres: 0.95, pglite: 0.95 },
  },
  {
    label: "list page p95",
    scenario: "list",
    value: (r) => r.p95Ms,
    unit: " ms",
    at100k: { postgres: 10, pglite: 15 },
    at1M: { postgres: 15, pglite: 25 },
  },
  {
    label: "search p95",
    scenario: "search",
    value: (r) => r.p95Ms,
    unit: " ms",
    at100k: { postgres: 10, pglite: 15 },
    at1M: { postgres: 15, pglite: 25 },
  },
  {
    label: "customer detail p95",
    scenario: "detail",
    value: (r) => r.p95Ms,
    unit: " ms",
    at1M: { postgres: 10, pglite: 15 },
  },
  {
    label: "import 100k rows end to end",
    scenario: "import-100k",
    value: (r) => (r.totalMs === undefined ? undefined : round(r.totalMs / 1000, 1)),
    unit: " s",
    at1M: { postgres: 10, pglite: 15 },
  },
  {
    label: "dashboard aggregates p95",
    scenario: "dashboard",
    value: (r) => r.p95Ms,
    unit: " ms",
    at1M: { postgres: 100, pglite: 200 },
  },
  {
    label: "PK read throughput, share of the raw-pg Fastify route",
    scenario: "pk-read",
    value: (r) => (r.floorThroughputPerSec ? ratio(r) : undefined),
    unit: "",
    atLeast: true,
    at100k: { postgres: 0.7 },
    at1M: { postgres: 0.7 },
  },
];

// The limit for this engine and scale; one of the other scale is shown as indicative.
function limitFor(
  target: Target,
  engine: Engine,
  scale: number,
): { limit: number; indicative: boolean } | null {
  const own = scale >= 1_000_000 ? target.at1M : target.at100k;
  const other = scale >= 1_000_000 ? target.at100k : target.at1M;
  const exact = own?.[engine];
  if (exact !== undefined) return { limit: exact, indicative: scale < 100_000 };
  const fallback = other?.[engine];
  return fallback === undefined ? null : { limit: fallback, indicative: true };
}

function verdict(target: Target, value: number, limit: number): string {
  const met = target.atLeast ? value >= limit : value <= limit;
  if (met) return "met";
  const times = value / limit;
  const by = target.atLeast
    ? `${round(limit - value, 3)} short`
    : `${round(times, times < 2 ? 2 : 1)}× the limit`;
  return `**not met** (${by})`;
}

function targetRows(results: ResultFile[]): string[] {
  const rows: string[] = [];
  for (const target of TARGETS) {
    for (const result of results) {
      const found = limitFor(target, result.engine, result.scale);
      if (!found) continue;
      const scenario = result.scenarios.find((r) => r.name === target.scenario);
      const value = scenario ? target.value(scenario) : undefined;
      const limit = `${target.atLeast ? "≥" : "≤"} ${found.limit}${target.unit}${found.indicative ? " (target at the other scale, indicative)" : ""}`;
      const measured = value === undefined ? "not measured" : `${value}${target.unit}`;
      const outcome = value === undefined ? "—" : verdict(target, value, found.limit);
      rows.push(`| ${target.label} | ${ENGINE_NAMES[result.engine]} | ${limit} | ${measured} | ${outcome} |`);
    }
  }
  return rows;
}

export function writeResult(dir: string, result: ResultFile): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = resultPath(dir, result);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

// The summary of a day and scale: the runs of this invocation, plus results files of the other engine
// written earlier that day.
export function writeSummary(dir: string, runs: EngineRun[]): string {
  const first = runs[0]?.result;
  if (!first) throw new Error("no run to summarize");
  const results: ResultFile[] = runs.map((run) => run.result);
  for (const engine of ["postgres", "pglite"] as const) {
    if (results.some((result) => result.engine === engine)) continue;
    const file = resultPath(dir, { ...first, engine });
    if (fs.existsSync(file)) results.push(JSON.parse(fs.readFileSync(file, "utf8")) as ResultFile);
  }
  const cpus = os.cpus();
  const lines = [
    `# Benchmarks: ${first.scale.toLocaleString("en")} customers, ${dayOf(first.date)}`,
    "",
    `Commit ${first.commit}. ${cpus.length} × ${cpus[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}. Produced by \`npm run bench\` (bench/run.ts); the targets are those of issue 7.`,
    "",
  ];
  for (const result of results) {
    lines.push(`## ${ENGINE_NAMES[result.engine]}`, "", markdownTable(result), "");
    const run = runs.find((candidate) => candidate.result === result);
    if (!run) {
      lines.push(`(from ${path.basename(resultPath(dir, result))}, run separately)`, "");
      continue;
    }
    for (const failure of run.failures) lines.push(`- **${failure}**`);
    for (const note of run.notes) lines.push(`- ${note}`);
    for (const [name, details] of Object.entries(run.details)) {
      for (const detail of details ?? []) lines.push(`- ${name}: ${detail}`);
    }
    lines.push("");
  }
  lines.push(
    "## Against the targets",
    "",
    "| target | engine | limit | measured | verdict |",
    "|---|---|---|---|---|",
    ...targetRows(results),
    "",
    "## How it is measured",
    "",
    "- Every scenario goes through the real HTTP API of the server (`node --import tsx server/src/main.ts start`, a child process), signed in as a sales rep with the session cookie and Origin header the web app sends; requests are sequential, after unmeasured warm-up requests.",
    "- The floor is the same SQL without the application: the statements the service code sends for the same request are recorded from the query builder, then replayed one after the other through the driver (a held `pg` connection, or PGlite opened by the bench before the server starts). API/floor is p95 over floor p95; for pk-read it is throughput over the bare Fastify + `pg` route (bench/bare-server.ts).",
    "- PGlite is compiled optimized when it starts, in the server as in the bench's own instance that measures the floor (server/src/db/compile-eagerly.ts).",
    "- Peak RSS is the server's VmHWM from /proc, reset before each scenario.",
    "- duplicate-check: half the probes are existing companies with a typo, changed case, another legal form or the trade word dropped, half are new companies; each is sent by name alone and with website, phone and country. p50/p95/p99 cover both; recall is the share of altered probes whose original is among the matches, by name alone.",
    "- import-100k: an XLSX of generated customers (100,000 rows unless --import-rows says otherwise; 10% companies already in the workspace, 1% rows repeated) uploaded by a manager into the public pool, dry run, then committed; total is upload to committed import. Its p50/p95/p99 are those of a rep's interactive reads during the import.",
    "- dashboard: GET /api/reports/sales by month, country and rep over the last 12 months as the rep, their team's manager and an admin, and 36 months by month as the manager and the admin, in turn; the orders (about 10 lines per 2 customers over three years) are loaded with the customers and the sales rollup rebuilt from them before anything is measured.",
    "",
  );
  const file = summaryPath(dir, first.date, first.scale);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}
