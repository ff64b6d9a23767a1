import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock";
import * as schema from "./schema";

export type Engine = "pglite" | "postgres";

// Both drivers expose the same query builder; the node-postgres flavour is used as the common type.
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  engine: Engine;
  pool?: pg.Pool;
  pglite?: PGlite;
  close: () => Promise<void>;
};

export type DatabaseOptions =
  | { engine: "postgres"; url: string; poolSize?: number; onPoolError?: (error: Error) => void }
  | { engine: "pglite"; dataDir?: string };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === "postgres") {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Fail fast while the server is down instead of queueing requests for minutes.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client dropped by a database restart must not crash the process; the pool reconnects.
    pool.on("error", (error) => options.onPoolError?.(error));
    return {
      db: drizzlePg(pool, { schema }),
      engine: "postgres",
      pool,
      close: () => pool.end(),
    };
  }
  const releaseLock = options.dataDir ? acquireDataDirLock(options.dataDir) : undefined;
  try {
    const pglite = await PGlite.create({
      dataDir: options.dataDir ? path.join(options.dataDir, "pgdata") : undefined,
      extensions: { pg_trgm },
    });
    return {
      db: drizzlePglite(pglite, { schema }) as unknown as Db,
      engine: "pglite",
      pglite,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          releaseLock?.();
        }
      },
    };
  } catch (error) {
    releaseLock?.();
    throw error;
  }
}

// How many transactions of this handle can run at the same time: a PostgreSQL pool gives each its own
// connection (and server process); PGlite has one connection and runs one transaction at a time.
export function parallelTransactions(db: Db): number {
  // Both drivers' handles carry their client as $client; the shared Db type does not declare it.
  return (db as Db & { $client: unknown }).$client instanceof pg.Pool ? 2 : 1;
}
