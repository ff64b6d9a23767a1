import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, type Engine, openDatabase } from "../../server/src/db/client";
import { runMigrations } from "../../server/src/db/migrate";

export const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

// A database that exists only for one benchmark run: a fresh PostgreSQL database, or a fresh PGlite
// folder. The server started on it gets serverEnv.
export type BenchDatabase = {
  engine: Engine;
  open: () => Promise<Database>;
  serverEnv: Record<string, string>;
  drop: () => Promise<void>;
};

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(engine: Engine, adminUrl: string): Promise<BenchDatabase> {
  if (engine === "pglite") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-bench-"));
    return {
      engine,
      open: () => openDatabase({ engine, dataDir }),
      serverEnv: { TRADEWIND_DATA_DIR: dataDir },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tw_bench_${randomBytes(5).toString("hex")}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    open: () => openDatabase({ engine, url: url.toString(), poolSize: 4 }),
    serverEnv: { DATABASE_URL: url.toString() },
    drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

export async function openMigrated(benchDatabase: BenchDatabase): Promise<Database> {
  const database = await benchDatabase.open();
  await runMigrations(database);
  return database;
}
