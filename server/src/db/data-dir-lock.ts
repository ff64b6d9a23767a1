import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// PGlite is a single-process database: two servers writing the same folder would corrupt it.
// The lock names its owner's pid, so a lock left by a killed process (kill -9) is recognised as stale.
export class DataDirLockedError extends Error {}

type LockOwner = { pid: number; hostname: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "tradewind.lock");
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx" });
      return () => {
        if (readOwner(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      const sameHost = owner?.hostname === os.hostname();
      if (owner && (!sameHost || isAlive(owner.pid))) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is in use by another Tradewind process (pid ${owner.pid} on ${owner.hostname}, ` +
            `started ${owner.startedAt}). Stop that process first, or point TRADEWIND_DATA_DIR at another folder.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}; another process keeps taking it.`);
}
