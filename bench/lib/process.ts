import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

// A server in a process of its own, so its memory can be read from /proc and it does not share the
// bench's event loop.
export type ServerProcess = {
  url: string;
  pid: number;
  // The end of what the process printed, and whether it is still running.
  output: () => string;
  running: () => boolean;
  // Starts a new peak-memory window (VmHWM back to the current RSS).
  resetPeakRss: () => void;
  peakRssMb: () => number;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

// Environment the bench itself may have been given that must not leak into a server of the other engine.
const DATABASE_ENV = ["DATABASE_URL", "TRADEWIND_DATA_DIR"];

export async function startProcess(options: {
  script: string;
  args?: string[];
  env: Record<string, string>;
  readyPath: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env = { ...process.env };
  for (const name of DATABASE_ENV) delete env[name];
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles", profiles the servers.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, "--import", "tsx", options.script, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...env, ...options.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.script} exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.script} did not get ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pid = child.pid ?? 0;
  const status = () => fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return {
    url,
    pid,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    resetPeakRss: () => {
      try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        // Not permitted here: the peak then covers the server's whole life so far.
      }
    },
    peakRssMb: () => {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status())?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop: async () => {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
