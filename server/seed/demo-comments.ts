import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { actorFromUser } from "../src/modules/auth/auth.service";
import { createComment } from "../src/modules/comments/comments.service";
import { comments } from "../src/modules/comments/comments.table";
import { loadViewer } from "../src/modules/customers/customers.policy";
import { customers } from "../src/modules/customers/customers.table";
import { teams } from "../src/modules/teams/teams.table";
import { users } from "../src/modules/users/users.table";

const HOUR_MS = 3600 * 1000;
type Person = typeof users.$inferSelect;
const at = (person: Person) => `@[${person.name}](user:${person.id})`;

// A short conversation per customer: the rep asks their manager, the manager answers.
const THREADS: ((rep: Person, manager: Person) => [Person, string][])[] = [
  (rep, manager) => [
    [
      rep,
      `Buyer wants **FOB Ningbo** prices for 2 × 40HQ before Friday. ${at(manager)} can we go 3% below list?`,
    ],
    [
      manager,
      `${at(rep)} OK for 3% if they pay a **30% T/T deposit**. Keep the quotation valid for 15 days.`,
    ],
  ],
  (rep, manager) => [
    [
      rep,
      `Samples arrived. Their feedback:\n- colour matches\n- carton marks need their logo\n- wants a pre-shipment inspection\n\n${at(manager)} who should book the inspection?`,
    ],
    [manager, `${at(rep)} ask logistics to book SGS; put the cost in the PI.`],
  ],
  (rep, manager) => [
    [
      manager,
      `${at(rep)} this account has been quiet for weeks. Call them before it goes back to the public pool.`,
    ],
    [rep, "Called today: their buyer was at the trade show. New inquiry expected next week."],
  ],
];

// Idempotent: a workspace that already has comments gets none added.
export async function seedDemoComments(db: Db, workspaceId: string): Promise<number> {
  const [existing] = await db
    .select({ count: count() })
    .from(comments)
    .where(eq(comments.workspaceId, workspaceId));
  if ((existing?.count ?? 0) > 0) return 0;
  // Customers of reps who have a manager, so every mention reaches someone who may see the record.
  const candidates = await db
    .select({ customerId: customers.id, rep: users, managerId: teams.managerId })
    .from(customers)
    .innerJoin(users, and(eq(users.workspaceId, customers.workspaceId), eq(users.id, customers.ownerId)))
    .innerJoin(teams, and(eq(teams.workspaceId, users.workspaceId), eq(teams.id, users.teamId)))
    .where(and(eq(customers.workspaceId, workspaceId), isNotNull(teams.managerId)))
    .orderBy(asc(customers.name))
    .limit(THREADS.length);
  const start = Date.now() - 3 * 24 * HOUR_MS;
  let created = 0;
  for (const [index, candidate] of candidates.entries()) {
    const [manager] = await db
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.id, candidate.managerId ?? "")));
    const thread = THREADS[index];
    if (!manager || !thread) continue;
    for (const [step, [author, body]] of thread(candidate.rep, manager).entries()) {
      const viewer = await loadViewer(db, actorFromUser(author, "session"));
      const now = new Date(start + (index * 24 + step * 3) * HOUR_MS);
      await createComment(db, viewer, { entityType: "customer", entityId: candidate.customerId, body }, now);
      created += 1;
    }
  }
  return created;
}
