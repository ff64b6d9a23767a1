import { spawnSync } from "node:child_process";
import path from "node:path";

// The server only serves a built UI. The same script as `npm start` rebuilds web/dist when it is
// missing or older than its sources, so a journey never runs against a stale bundle.
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const result = spawnSync(process.execPath, [path.join(root, "scripts/build-web-if-stale.mjs")], {
    cwd: root,
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build into web/dist.
    env: { ...process.env, NODE_ENV: "production" },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("Building the web UI for the browser journeys failed");
}
