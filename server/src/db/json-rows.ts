import { getTableColumns, type Table } from "drizzle-orm";

// A row that came back inside a JSON value (`json_agg` of a table's rows in a subquery), converted
// like drizzle converts its own results: property names, dates, arrays.
export function rowFromJson<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}
