import path from "node:path";
import { parseArgs } from "node:util";
import type { Engine } from "../server/src/db/client";
import { compileEmbeddedEngineEagerly } from "../server/src/db/compile-eagerly";
import { DEFAULT_ADMIN_URL } from "./lib/database";
import { REPO_ROOT } from "./lib/process";
import { textTable } from "./report";
import { SCENARIO_NAMES, type ScenarioName } from "./scenarios/types";
import { DEFAULT_SETTINGS, runSuite } from "./suite";

const USAGE = `Usage: npm run bench -- [options]
  --full               1,000,000 customers instead of 100,000
  --scale N            N customers (quick runs)
  --engine E           postgres or pglite (default: both)
  --samples N          measured requests per scenario (default ${DEFAULT_SETTINGS.samples})
  --probes N           duplicate-check probes, each sent twice (default ${DEFAULT_SETTINGS.probes})
  --import-rows N      rows of the import file (default ${DEFAULT_SETTINGS.importRows})
  --pk-seconds N       seconds of the pk-read load (default ${DEFAULT_SETTINGS.pkReadSeconds})
  --only A,B           only these scenarios (${SCENARIO_NAMES.join(", ")})
  --results DIR        where to write the results (default bench/results)
  --keep               keep the loaded database (printed at the end) instead of dropping it
PostgreSQL: BENCH_DATABASE_URL is the admin connection that creates and drops the bench database
(default ${DEFAULT_ADMIN_URL}). BENCH_SERVER_NODE_ARGS adds Node options to the servers started, e.g.
"--cpu-prof --cpu-prof-dir=/tmp/profiles" to profile them under load.`;

const { values } = parseArgs({
  options: {
    full: { type: "boolean", default: false },
    scale: { type: "string" },
    engine: { type: "string" },
    samples: { type: "string" },
    probes: { type: "string" },
    "import-rows": { type: "string" },
    "pk-seconds": { type: "string" },
    only: { type: "string" },
    results: { type: "string" },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive whole number, not "${text}"\n\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.engine !== undefined && values.engine !== "postgres" && values.engine !== "pglite") {
  console.error(`--engine must be postgres or pglite, not "${values.engine}"\n\n${USAGE}`);
  process.exit(2);
}
const only = values.only?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !(SCENARIO_NAMES as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(", ")}\n\n${USAGE}`);
  process.exit(2);
}
const engines: Engine[] = values.engine ? [values.engine as Engine] : ["postgres", "pglite"];
// The floor runs PGlite in this process: compiled as the server compiles it, so the two compare.
if (engines.includes("pglite")) compileEmbeddedEngineEagerly();
const scale = positive("scale", values.scale, values.full ? 1_000_000 : 100_000);

const samples = positive("samples", values.samples, DEFAULT_SETTINGS.samples);
const started = performance.now();
const { runs, files } = await runSuite({
  engines,
  scale,
  only: only as ScenarioName[] | undefined,
  adminUrl: process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL,
  resultsDir: values.results ? path.resolve(values.results) : path.join(REPO_ROOT, "bench", "results"),
  settings: {
    ...DEFAULT_SETTINGS,
    samples,
    warmup: Math.min(DEFAULT_SETTINGS.warmup, Math.ceil(samples / 5)),
    floorSamples: Math.min(DEFAULT_SETTINGS.floorSamples, samples),
    probes: positive("probes", values.probes, DEFAULT_SETTINGS.probes),
    importRows: positive("import-rows", values["import-rows"], DEFAULT_SETTINGS.importRows),
    pkReadSeconds: positive("pk-seconds", values["pk-seconds"], DEFAULT_SETTINGS.pkReadSeconds),
  },
  log: (line) => console.log(line),
  keep: values.keep,
});
for (const run of runs)
  console.log(`\n${run.result.engine}, ${run.result.scale} customers\n${textTable(run.result)}`);
console.log(`\nWritten: ${files.map((file) => path.relative(process.cwd(), file)).join(", ")}`);
console.log(`Total ${((performance.now() - started) / 60_000).toFixed(1)} min`);
const failures = runs.flatMap((run) => run.failures.map((failure) => `${run.result.engine}: ${failure}`));
if (failures.length > 0) {
  console.error(`\n${failures.join("\n")}`);
  process.exitCode = 1;
}
