import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type NewNotification, notify } from "../notifications/notifications.service";
import { orderInstalments } from "../orders/orders.table";
import { todayIn } from "../quotations/commercial";
import { users } from "../users/users.table";
import { workspaces } from "../workspaces/workspaces.table";
import { receivablesWhere } from "./receivables.service";

// Tells the order's owner and every finance user, once per receivable, that it has become overdue
// (past its due date in the workspace's time zone, still owed). The receivable is marked in the same
// transaction, and only the run whose mark lands sends: a later run, or a second instance, finds it
// marked and stays silent. Paid receivables are never overdue, so never announced.
export async function notifyOverdueReceivables(db: Db, now: Date): Promise<{ notified: number }> {
  let notified = 0;
  for (const workspace of await db
    .select({ id: workspaces.id, timeZone: workspaces.timeZone })
    .from(workspaces)) {
    const today = todayIn(workspace.timeZone, now);
    const overdue = (
      await receivablesWhere(db, workspace.id, isNull(orderInstalments.overdueNotifiedAt), today)
    ).filter((item) => item.status === "overdue");
    if (overdue.length === 0) continue;
    const finance = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspace.id), eq(users.role, "finance"), eq(users.active, true)));
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(orderInstalments)
        .set({ overdueNotifiedAt: now })
        .where(
          and(
            eq(orderInstalments.workspaceId, workspace.id),
            inArray(
              orderInstalments.id,
              overdue.map((item) => item.id),
            ),
            isNull(orderInstalments.overdueNotifiedAt),
          ),
        )
        .returning({ id: orderInstalments.id });
      const ids = new Set(claimed.map((row) => row.id));
      const items = overdue
        .filter((item) => ids.has(item.id))
        .flatMap((item): NewNotification[] =>
          [...new Set([item.ownerId, ...finance.map((user) => user.id)])].map((userId) => ({
            workspaceId: workspace.id,
            userId,
            type: "receivable_overdue",
            title: `Payment overdue: ${item.outstanding} ${item.currency} on ${item.orderNumber} (${item.customerName}), due ${item.dueDate}`,
            entityType: "order",
            entityId: item.orderId,
            data: {
              receivableId: item.id,
              customerId: item.customerId,
              dueDate: item.dueDate,
              outstanding: item.outstanding,
              currency: item.currency,
            },
          })),
        );
      await notify(tx, items);
      notified += ids.size;
    });
  }
  return { notified };
}
