// `npm start` builds the web UI first when web/dist is missing or older than its sources,
// so a fresh clone needs only `npm install && npm start`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const builtIndex = path.join(root, "web/dist/index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, "web/src"), path.join(root, "shared")].filter((dir) => fs.existsSync(dir));
const sourceTime = Math.max(
  fs.statSync(path.join(root, "web/index.html")).mtimeMs,
  ...sources.map(newestMtime),
);
const builtTime = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;

if (builtTime < sourceTime) {
  console.log("Building the web UI (first start or changed sources)…");
  // A caller's NODE_ENV=test (Vitest) must not put React's development build into web/dist.
  const result = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  process.exit(result.status ?? 1);
}
