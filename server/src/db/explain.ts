import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";

export type PlanNode = { "Node Type": string; "Plan Rows": number; Plans?: PlanNode[] };

// The plan the planner chooses for a query, with its row estimates, without running it. node-postgres
// parses EXPLAIN's json column, PGlite may hand it over as text.
export async function plannedQuery(db: DbOrTx, query: SQL): Promise<PlanNode> {
  const { rows } = await db.execute<{ "QUERY PLAN": unknown }>(sql`explain (format json) ${query}`);
  const raw = rows[0]?.["QUERY PLAN"];
  const [explained] = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }];
  return explained.Plan;
}
