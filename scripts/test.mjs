// Runs every check `npm test` promises, in order, and ends with one summary line:
// type check, lint, unit + API tests on PGlite, the API tests again on PostgreSQL when
// TEST_DATABASE_URL is set, then the browser journeys.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "tradewind-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep;

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0 && !failedStep) failedStep = label;
  return result.status === 0;
}

function vitest(label, args, env = {}) {
  const report = path.join(reportDir, `${label.replace(/\W+/g, "-")}.json`);
  run(
    label,
    "npx",
    ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    env,
  );
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  } else {
    totals.failed += 1;
  }
}

run("type check", "npx", ["tsc", "--noEmit", "-p", "."]);
run("lint", "npx", ["biome", "check", "."]);
vitest("unit and API tests on PGlite", [], { TW_TEST_ENGINE: "pglite" });
if (process.env.TEST_DATABASE_URL) {
  vitest("API tests on PostgreSQL", ["server"], { TW_TEST_ENGINE: "postgres" });
} else {
  console.log("\nTEST_DATABASE_URL is not set: the API suite runs on PGlite only.");
}
vitest("browser journeys", ["-c", "vitest.e2e.config.ts"]);

fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${failedStep ? `First failing step: ${failedStep}` : "All steps passed."}`);
console.log(`Total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
