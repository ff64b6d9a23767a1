import { and, eq, or, type SQL, sql } from "drizzle-orm";
import { inWorkspace } from "../../lib/scope";
import type { Viewer } from "../customers/customers.policy";
import { meetings } from "./meetings.table";

// Who sees a meeting: its creator, its attendees, the managers of any attendee, and admins.
export function meetingVisibleSql(viewer: Viewer): SQL {
  if (viewer.role === "admin") return sql`true`;
  const conditions: SQL[] = [
    eq(meetings.createdBy, viewer.userId),
    sql`${viewer.userId}::uuid = any(${meetings.attendeeIds})`,
  ];
  if (viewer.managedUserIds.length > 0) {
    conditions.push(
      sql`${meetings.attendeeIds} && array[${sql.join(
        viewer.managedUserIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`,
    );
  }
  return or(...conditions) ?? sql`false`;
}

export function meetingsScope(viewer: Viewer, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(inWorkspace(meetings, viewer), meetingVisibleSql(viewer), ...filters);
}

type MeetingAccessRow = Pick<typeof meetings.$inferSelect, "createdBy" | "attendeeIds">;

// Minutes and action items come from the people in the room; their managers only read along.
export function canEditMeeting(viewer: Viewer, row: MeetingAccessRow): boolean {
  return (
    viewer.role === "admin" || row.createdBy === viewer.userId || row.attendeeIds.includes(viewer.userId)
  );
}
