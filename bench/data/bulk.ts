import type { RawDriver } from "../lib/driver";

// Set-based loading. On PostgreSQL a batch of rows travels as one array literal per column and one
// INSERT … SELECT FROM unnest(…) writes it (each array a single text parameter, cast by the database),
// while the generator prepares the next batch. PGlite runs in this thread, so nothing overlaps there;
// its COPY from a blob parses rows about twice as fast as the arrays.

type ColumnType =
  | "uuid"
  | "text"
  | "timestamptz"
  | "date"
  | "integer"
  | "numeric"
  | "boolean"
  | "jsonb"
  | "text[]"
  | "uuid[]"
  | "tsvector";
export type Column = readonly [name: string, type: ColumnType];
export type Value =
  | string
  | number
  | boolean
  | Date
  | null
  | readonly string[]
  | Record<string, unknown>
  | readonly Record<string, unknown>[];

function quote(text: string): string {
  return text.includes('"') || text.includes("\\") ? `"${text.replace(/[\\"]/g, "\\$&")}"` : `"${text}"`;
}

// A PostgreSQL array literal of text elements.
export function arrayLiteral(items: readonly (string | null)[]): string {
  return `{${items.map((item) => (item === null ? "NULL" : quote(item))).join(",")}}`;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

// A field of COPY's text format: backslash, tab and line breaks escaped, \N for null.
function copyField(text: string | null): string {
  return text === null ? "\\N" : text.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char] ?? char);
}

function element(value: Value, type: ColumnType): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (type === "jsonb") return JSON.stringify(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  return String(value);
}

// One batch is written while the next is being generated: the database works in parallel with the
// generator (on PostgreSQL), and at most one statement per table is in flight.
export class Batch {
  private readonly columns: (string | null)[][];
  private rows = 0;
  private pending: Promise<unknown> = Promise.resolve();

  // Every business table is keyed by workspace: the workspace is one parameter, not a column of values.
  constructor(
    private readonly table: string,
    private readonly workspaceId: string,
    private readonly schema: readonly Column[],
    private readonly flushAt: number,
  ) {
    this.columns = schema.map(() => []);
  }

  // Values in the order of the columns.
  add(values: readonly Value[]): void {
    this.schema.forEach(([, type], at) => {
      this.columns[at]?.push(element(values[at] ?? null, type));
    });
    this.rows += 1;
  }

  async flushIfFull(driver: RawDriver): Promise<void> {
    if (this.rows >= this.flushAt) await this.flush(driver);
  }

  async flush(driver: RawDriver): Promise<void> {
    await this.pending;
    if (this.rows === 0) return;
    const names = this.schema.map(([name]) => `"${name}"`).join(", ");
    if (driver.copyFrom) {
      const lines: string[] = [];
      for (let row = 0; row < this.rows; row++) {
        const cells = this.columns.map((values) => copyField(values[row] ?? null));
        lines.push(`${this.workspaceId}\t${cells.join("\t")}\n`);
      }
      this.pending = driver.copyFrom(`"${this.table}" (workspace_id, ${names})`, lines.join(""));
    } else {
      const casts = this.schema
        .map(([name, type]) => (type === "text" ? `"${name}"` : `"${name}"::${type}`))
        .join(", ");
      const arrays = this.schema.map((_, at) => `$${at + 2}::text::text[]`).join(", ");
      const params = [this.workspaceId, ...this.columns.map((values) => arrayLiteral(values))];
      this.pending = driver.query(
        `insert into "${this.table}" (workspace_id, ${names})
         select $1::uuid, ${casts} from unnest(${arrays}) as t(${names})`,
        params,
      );
    }
    this.columns.forEach((values) => {
      values.length = 0;
    });
    this.rows = 0;
    // Awaited by the next flush or by finish; marked handled so a failure surfaces there, not as an
    // unhandled rejection.
    this.pending.catch(() => undefined);
  }

  async finish(driver: RawDriver): Promise<void> {
    await this.flush(driver);
    await this.pending;
  }
}

// Indexes and constraints are built once after the load instead of row by row: a fresh build of a
// large index is several times faster than maintaining it through millions of inserts. Everything is
// read from the catalog, so tables added later by other modules are handled the same way.
export async function deferIndexes(driver: RawDriver, tables: string[]): Promise<() => Promise<void>> {
  const names = arrayLiteral(tables);
  const foreignKeys = await driver.query<{ tab: string; name: string; def: string }>(
    `select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def
     from pg_constraint
     where contype = 'f' and (conrelid::regclass::text = any($1::text::text[])
       or confrelid::regclass::text = any($1::text::text[]))`,
    [names],
  );
  const primaryKeys = await driver.query<{ tab: string; name: string; def: string }>(
    `select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def
     from pg_constraint where contype = 'p' and conrelid::regclass::text = any($1::text::text[])`,
    [names],
  );
  const indexes = await driver.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = current_schema() and tablename = any($1::text::text[])
       and indexname not in (select conname from pg_constraint)`,
    [names],
  );
  for (const fk of foreignKeys) await driver.query(`alter table ${fk.tab} drop constraint "${fk.name}"`);
  for (const index of indexes) await driver.query(`drop index "${index.name}"`);
  for (const pk of primaryKeys) await driver.query(`alter table ${pk.tab} drop constraint "${pk.name}"`);
  return async () => {
    // Sorting the keys of the largest indexes in memory instead of in temporary files.
    await driver.query("set maintenance_work_mem = '256MB'");
    for (const pk of primaryKeys) {
      await driver.query(`alter table ${pk.tab} add constraint "${pk.name}" ${pk.def}`);
    }
    for (const index of indexes) await driver.query(index.def);
    for (const fk of foreignKeys) {
      await driver.query(`alter table ${fk.tab} add constraint "${fk.name}" ${fk.def}`);
    }
    await driver.query("reset maintenance_work_mem");
  };
}
