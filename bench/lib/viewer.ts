import { and, eq } from "drizzle-orm";
import type { Database } from "../../server/src/db/client";
import { actorFromUser } from "../../server/src/modules/auth/auth.service";
import { loadViewer, type Viewer } from "../../server/src/modules/customers/customers.policy";
import { users } from "../../server/src/modules/users/users.table";

// A bench user as the API sees them after signing in, for running service code in a floor.
export async function viewerOf(database: Database, workspaceId: string, userId: string): Promise<Viewer> {
  const [row] = await database.db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!row) throw new Error(`bench user ${userId} is missing`);
  return loadViewer(database.db, actorFromUser(row, "session"));
}
