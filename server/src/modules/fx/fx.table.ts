import { date, numeric, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, workspaceIdColumn } from "../../db/columns";

// One unit of base buys `rate` units of quote on that date. Imports store the rates as published
// (EUR base for ECB files); other pairs are crossed through a common base when read.
export const fxRates = pgTable(
  "fx_rates",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    date: date("date", { mode: "string" }).notNull(),
    base: text("base").notNull(),
    quote: text("quote").notNull(),
    rate: numeric("rate", { precision: 20, scale: 10 }).notNull(),
    source: text("source").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("fx_rates_pair_key").on(t.workspaceId, t.base, t.quote, t.date),
  ],
);
