import { and, asc, eq, type SQL } from "drizzle-orm";
import { CustomerListQuerySchema } from "../../../../shared/schemas/customers";
import type { DbOrTx } from "../../db/client";
import { fieldError, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { inWorkspace } from "../../lib/scope";
import { savedViews } from "./customers.table";

function ownViews(actor: Actor, ...filters: (SQL | undefined)[]) {
  return and(inWorkspace(savedViews, actor), eq(savedViews.userId, actor.userId), ...filters);
}

function toView(row: typeof savedViews.$inferSelect) {
  return { id: row.id, name: row.name, filters: row.filters, createdAt: iso(row.createdAt) };
}

export async function listSavedViews(db: DbOrTx, actor: Actor) {
  const rows = await db.select().from(savedViews).where(ownViews(actor)).orderBy(asc(savedViews.name));
  return rows.map(toView);
}

// A view stores list filters; they are validated like the list query so a saved view always loads.
const SavedFiltersSchema = CustomerListQuerySchema.omit({ page: true, pageSize: true }).partial().strict();

export async function createSavedView(
  db: DbOrTx,
  actor: Actor,
  input: { name: string; filters: Record<string, unknown> },
) {
  const parsed = SavedFiltersSchema.safeParse(input.filters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(`filters.${issue?.path.join(".") ?? ""}`, issue?.message ?? "is invalid");
  }
  const [row] = await db
    .insert(savedViews)
    .values({
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      name: input.name,
      filters: input.filters,
    })
    .returning();
  if (!row) throw new Error("insert returned no view");
  return toView(row);
}

export async function deleteSavedView(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  const deleted = await db
    .delete(savedViews)
    .where(ownViews(actor, eq(savedViews.id, id)))
    .returning({ id: savedViews.id });
  if (deleted.length === 0) throw notFound("Saved view");
}
