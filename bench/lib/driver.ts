import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type pg from "pg";
import type { Database, Db } from "../../server/src/db/client";
import * as schema from "../../server/src/db/schema";

// SQL straight through the driver, without the query builder: the bench loads data with it and
// measures the "floor" (the statements the API issues, replayed with nothing around them).
export type RawDriver = {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  // COPY … FROM of rows in COPY's text format, where the driver offers it (PGlite).
  copyFrom?: (target: string, rows: string) => Promise<unknown>;
  release(): void;
};

// On PostgreSQL one connection is held, so BEGIN and COMMIT of a replayed transaction meet. Queries
// issued without waiting (the loader's) are sent one after the other.
export async function openRawDriver(database: Database): Promise<RawDriver> {
  if (database.pool) {
    const client: pg.PoolClient = await database.pool.connect();
    let previous: Promise<unknown> = Promise.resolve();
    return {
      query: <Row>(text: string, params?: unknown[]) => {
        const result = previous.then(() => client.query(text, params));
        previous = result.catch(() => undefined);
        return result.then((answer) => answer.rows as Row[]);
      },
      release: () => client.release(),
    };
  }
  const pglite = database.pglite;
  if (!pglite) throw new Error("database has neither a pool nor an embedded engine");
  return {
    query: async <Row>(text: string, params?: unknown[]) => (await pglite.query<Row>(text, params)).rows,
    copyFrom: (target, rows) =>
      pglite.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([rows]) }),
    release: () => undefined,
  };
}

export type Statement = { text: string; params: unknown[] };

// PGlite runs a transaction through its own method, which the query logger never sees: these
// stand-ins record its BEGIN and COMMIT so a replay runs the same transaction.
function recordingPglite(pglite: PGlite, statements: Statement[]): PGlite {
  const transaction: PGlite["transaction"] = async (callback) => {
    statements.push({ text: "begin", params: [] });
    const result = await pglite.transaction(callback);
    statements.push({ text: "commit", params: [] });
    return result;
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === "transaction") return transaction;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// Runs service code against a query builder that records every statement it sends, in order.
export async function captureStatements<T>(
  database: Database,
  run: (db: Db) => Promise<T>,
): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => statements.push({ text, params }) };
  let db: Db;
  if (database.pool) db = drizzlePg(database.pool, { schema, logger });
  else if (database.pglite)
    db = drizzlePglite(recordingPglite(database.pglite, statements), { schema, logger }) as unknown as Db;
  else throw new Error("database has neither a pool nor an embedded engine");
  const result = await run(db);
  return { result, statements };
}

// The same statements for another record: every parameter equal to `from` becomes `to`.
export function substitute(statements: Statement[], from: string, to: string): Statement[] {
  return statements.map(({ text, params }) => ({
    text,
    params: params.map((param) => (param === from ? to : param)),
  }));
}

export async function replay(driver: RawDriver, statements: Statement[]): Promise<void> {
  for (const { text, params } of statements) await driver.query(text, params);
}
