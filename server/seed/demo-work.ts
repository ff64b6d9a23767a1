import { and, asc, eq, sql } from "drizzle-orm";
import type { TaskPriority } from "../../shared/schemas/tasks";
import type { Db } from "../src/db/client";
import { actorFromUser } from "../src/modules/auth/auth.service";
import { loadViewer, type Viewer } from "../src/modules/customers/customers.policy";
import { customers } from "../src/modules/customers/customers.table";
import { addActionItems, createMeeting } from "../src/modules/meetings/meetings.service";
import { createTask, updateTask } from "../src/modules/tasks/tasks.service";
import { tasks } from "../src/modules/tasks/tasks.table";
import { startOfDayIn } from "../src/modules/tasks/time";
import { teams } from "../src/modules/teams/teams.table";
import { users } from "../src/modules/users/users.table";
import { pick, seededRng } from "./company-generator";

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

const CUSTOMER_TASKS = [
  "Send the revised FOB Ningbo quotation",
  "Chase the 30% T/T deposit",
  "Confirm carton marks and packing",
  "Follow up on the DHL samples",
  "Ask for the L/C draft",
  "Share the new catalogue",
  "Check the Sinosure credit limit",
  "Prepare the proforma invoice",
];
const INTERNAL_TASKS = [
  "Update the price list for Q3",
  "Book the Canton Fair booth materials",
  "Collect factory lead times",
  "Review the sample stock",
];
const PRIORITIES: TaskPriority[] = ["low", "normal", "normal", "normal", "high", "urgent"];

// Due times spread around today so My work has something in every bucket: a quarter overdue, a
// quarter later today, the rest over the coming two weeks.
function dueFor(index: number, now: Date, todayStart: Date): Date {
  const slot = index % 4;
  if (slot === 0) return new Date(now.getTime() - (1 + (index % 5)) * DAY_MS - 2 * HOUR_MS);
  if (slot === 1) {
    const evening = new Date(todayStart.getTime() + 18 * HOUR_MS);
    return evening > now ? evening : new Date(now.getTime() + HOUR_MS);
  }
  return new Date(todayStart.getTime() + (1 + (index % 13)) * DAY_MS + (9 + (index % 8)) * HOUR_MS);
}

async function viewerOf(db: Db, user: typeof users.$inferSelect): Promise<Viewer> {
  return loadViewer(db, actorFromUser(user, "session"));
}

// About 40 tasks over the reps (overdue, due today, upcoming, a few done, one weekly), and a team
// meeting whose minutes produced two action items. Idempotent: skipped once the workspace has tasks.
export async function seedDemoWork(db: Db, workspaceId: string, now = new Date()): Promise<number> {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(eq(tasks.workspaceId, workspaceId));
  if ((existing?.count ?? 0) > 0) return 0;
  const people = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.active, true)))
    .orderBy(asc(users.email));
  const reps = people.filter((user) => user.role === "sales");
  const [europe] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), eq(teams.name, "Europe")));
  const europeManager = people.find((user) => user.id === europe?.managerId);
  if (reps.length === 0 || !europe || !europeManager) return 0;

  const rng = seededRng(20261128);
  const todayStart = startOfDayIn(now, "Asia/Shanghai");
  let created = 0;
  for (const [repIndex, rep] of reps.entries()) {
    const repViewer = await viewerOf(db, rep);
    const owned = await db
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.ownerId, rep.id)))
      .orderBy(asc(customers.name))
      .limit(6);
    for (let i = 0; i < 8; i++) {
      const index = repIndex * 8 + i;
      const customer = i < 6 ? owned[i] : undefined;
      const task = await createTask(db, repViewer, {
        title: customer ? pick(rng, CUSTOMER_TASKS) : pick(rng, INTERNAL_TASKS),
        assigneeId: rep.id,
        customerId: customer?.id,
        dueAt: dueFor(index, now, todayStart).toISOString(),
        priority: pick(rng, PRIORITIES),
        description: customer ? "Notes from the last call are on the customer's timeline." : undefined,
        checklist:
          i % 3 === 0 ? [{ text: "Draft" }, { text: "Check with the factory" }, { text: "Send" }] : undefined,
      });
      created += 1;
      if (i === 7) await updateTask(db, repViewer, task.id, { status: "done" });
      else if (i === 5) await updateTask(db, repViewer, task.id, { status: "in_progress" });
    }
  }

  const [firstRep] = reps;
  if (firstRep) {
    await createTask(db, await viewerOf(db, firstRep), {
      title: "Weekly pipeline review",
      assigneeId: firstRep.id,
      dueAt: new Date(todayStart.getTime() + 2 * DAY_MS + 10 * HOUR_MS).toISOString(),
      recurrence: { kind: "weekly", weekdays: [1] },
      checklist: [{ text: "Update stages" }, { text: "Flag customers near the pool" }],
    });
    created += 1;
  }

  const managerViewer = await viewerOf(db, europeManager);
  const team = reps.filter((rep) => rep.teamId === europe.id);
  const attendees = [europeManager.id, ...team.map((rep) => rep.id)];
  const meeting = await createMeeting(db, managerViewer, {
    title: "Weekly sales meeting 周例会",
    startsAt: new Date(todayStart.getTime() - DAY_MS + 9 * HOUR_MS).toISOString(),
    durationMinutes: 45,
    location: "Meeting room 2 / 二号会议室",
    attendeeIds: attendees,
    customerIds: [],
    agenda: "1. Pipeline by country\n2. Samples waiting for feedback\n3. Canton Fair preparation",
    minutes:
      "## Decisions\n- Quote the new valve series at FOB Ningbo with 30% T/T deposit.\n\n" +
      "## Action items\n- Collect the factory lead times for the autumn orders.\n- Send the Canton Fair invitation to A-tier buyers.",
  });
  const [first, second] = team;
  if (first && second) {
    await addActionItems(db, managerViewer, meeting.id, {
      items: [
        {
          title: "Collect the factory lead times for the autumn orders",
          assigneeId: first.id,
          dueAt: new Date(todayStart.getTime() + 3 * DAY_MS + 17 * HOUR_MS).toISOString(),
        },
        {
          title: "Send the Canton Fair invitation to A-tier buyers",
          assigneeId: second.id,
          dueAt: new Date(todayStart.getTime() + 5 * DAY_MS + 17 * HOUR_MS).toISOString(),
          priority: "high",
        },
      ],
    });
    created += 2;
  }
  return created;
}
