import { and, eq } from "drizzle-orm";
import { can } from "../../../../shared/permissions";
import type { DbOrTx } from "../../db/client";
import { customersScope, hasFullAccess, type Viewer } from "../customers/customers.policy";
import { customers } from "../customers/customers.table";
import { meetingsScope } from "../meetings/meetings.policy";
import { meetings } from "../meetings/meetings.table";
import { tasksScope } from "../tasks/tasks.policy";
import { tasks } from "../tasks/tasks.table";

export type EntityAccessCheck = (db: DbOrTx, viewer: Viewer, entityId: string) => Promise<boolean>;

type EntityKind = {
  // How the record is named in messages: "Bo cannot see this customer".
  label: string;
  // The page of the record in the web app, for notification links.
  path: (entityId: string) => string;
  canSee: EntityAccessCheck;
  // The record's name for notification titles, read without a visibility check: only call it for
  // recipients who passed canSee.
  nameOf: (db: DbOrTx, workspaceId: string, entityId: string) => Promise<string | undefined>;
};

// Which records a user may see, per record type: comments, mentions and the live event stream all
// ask here, so a new record type becomes commentable and streamable by adding one entry. Each check
// is the owning module's own policy, so a thread is never more visible than its record.
const ENTITY_KINDS: Record<string, EntityKind> = {
  customer: {
    label: "customer",
    path: (id) => `/customers/${id}`,
    canSee: async (db, viewer, id) => {
      if (!can(viewer.role, "customers.read")) return false;
      const [row] = await db
        .select({ ownerId: customers.ownerId, collaboratorIds: customers.collaboratorIds })
        .from(customers)
        .where(customersScope(viewer, eq(customers.id, id)));
      return row !== undefined && hasFullAccess(viewer, row);
    },
    nameOf: async (db, workspaceId, id) => {
      const [row] = await db
        .select({ name: customers.name })
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, id)));
      return row?.name;
    },
  },
  task: {
    label: "task",
    path: (id) => `/tasks/${id}`,
    canSee: async (db, viewer, id) => {
      const [row] = await db
        .select({ id: tasks.id })
        .from(tasks)
        .where(tasksScope(viewer, eq(tasks.id, id)));
      return row !== undefined;
    },
    nameOf: async (db, workspaceId, id) => {
      const [row] = await db
        .select({ name: tasks.title })
        .from(tasks)
        .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.id, id)));
      return row?.name;
    },
  },
  meeting: {
    label: "meeting",
    path: (id) => `/meetings/${id}`,
    canSee: async (db, viewer, id) => {
      const [row] = await db
        .select({ id: meetings.id })
        .from(meetings)
        .where(meetingsScope(viewer, eq(meetings.id, id)));
      return row !== undefined;
    },
    nameOf: async (db, workspaceId, id) => {
      const [row] = await db
        .select({ name: meetings.title })
        .from(meetings)
        .where(and(eq(meetings.workspaceId, workspaceId), eq(meetings.id, id)));
      return row?.name;
    },
  },
};

export function entityKind(entityType: string): EntityKind | undefined {
  return ENTITY_KINDS[entityType];
}

// Unknown record types are invisible: fail closed.
export async function canSeeEntity(
  db: DbOrTx,
  viewer: Viewer,
  entityType: string,
  entityId: string,
): Promise<boolean> {
  const kind = ENTITY_KINDS[entityType];
  return kind ? kind.canSee(db, viewer, entityId) : false;
}
