import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { inWorkspace } from "../../lib/scope";
import { actorFromUser } from "../auth/auth.service";
import { fullAccessSql, loadViewer, type Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { meetingVisibleSql } from "../meetings/meetings.policy";
import { meetings } from "../meetings/meetings.table";
import { users } from "../users/users.table";
import { tasks } from "./tasks.table";

// Who sees a task:
// - admins: every task;
// - a task on a customer: exactly those who may see that customer in full (its owner, collaborators,
//   the owner's manager). The customer's visibility wins, so a task never leaks a customer, also
//   not to an assignee who has since lost the customer;
// - any other task: its assignee, creator and watchers, the assignee's team manager, and for an
//   action item everyone who may see its meeting.
export function taskVisibleSql(viewer: Viewer): SQL {
  if (viewer.role === "admin") return sql`true`;
  const customerVisible = sql`exists (select 1 from ${customers} where ${customers.workspaceId} = ${tasks.workspaceId} and ${customers.id} = ${tasks.linkedId} and ${fullAccessSql(viewer)})`;
  const meetingVisible = sql`exists (select 1 from ${meetings} where ${meetings.workspaceId} = ${tasks.workspaceId} and ${meetings.id} = ${tasks.linkedId} and ${meetingVisibleSql(viewer)})`;
  const involved: SQL[] = [
    eq(tasks.assigneeId, viewer.userId),
    eq(tasks.createdBy, viewer.userId),
    sql`${viewer.userId}::uuid = any(${tasks.watcherIds})`,
    and(eq(tasks.linkedType, "meeting"), meetingVisible) ?? sql`false`,
  ];
  if (viewer.managedUserIds.length > 0) involved.push(inArray(tasks.assigneeId, viewer.managedUserIds));
  return sql`(case when ${tasks.linkedType} = 'customer' then ${customerVisible} else ${or(...involved)} end)`;
}

export function tasksScope(viewer: Viewer, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(tasks, viewer), taskVisibleSql(viewer), ...filters);
}

// The viewer another user would be, to check what they may see before giving them a task.
export async function viewerOfUser(db: DbOrTx, workspaceId: string, userId: string): Promise<Viewer | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId), eq(users.active, true)));
  return user ? loadViewer(db, actorFromUser(user, "session")) : null;
}
