import { index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAtColumn, idColumn, workspaceIdColumn } from "../../db/columns";

// No foreign key to users: the trail must survive whatever happens to the records it describes.
export const auditLog = pgTable(
  "audit_log",
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    changes: jsonb("changes"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("audit_entity_idx").on(t.workspaceId, t.entityType, t.entityId, t.createdAt),
    index("audit_created_idx").on(t.workspaceId, t.createdAt),
    index("audit_actor_idx").on(t.workspaceId, t.actorId, t.createdAt),
  ],
);
