import { and, eq } from "drizzle-orm";
import type { Role } from "../../shared/permissions";
import type { Db } from "../src/db/client";
import { hashPassword } from "../src/lib/passwords";
import { teams } from "../src/modules/teams/teams.table";
import { users } from "../src/modules/users/users.table";
import { createWorkspaceWithAdmin, isSetupNeeded } from "../src/modules/workspaces/workspaces.service";
import { seedDemoComments } from "./demo-comments";
import { seedDemoCustomers } from "./demo-customers";
import { seedDemoLogistics, seedDemoRates } from "./demo-logistics";
import { seedDemoProducts } from "./demo-products";
import { seedDemoTrade } from "./demo-trade";
import { seedDemoWork } from "./demo-work";

export const DEMO_PASSWORD = "tradewind-demo";
export const DEMO_ADMIN_EMAIL = "admin@ningbo-oceanic.example";

type DemoUser = {
  name: string;
  email: string;
  role: Role;
  team?: "Europe" | "Americas";
  locale: "zh-CN" | "en-US";
};

const DEMO_USERS: DemoUser[] = [
  {
    name: "李娜 Li Na",
    email: "li.na@ningbo-oceanic.example",
    role: "manager",
    team: "Europe",
    locale: "zh-CN",
  },
  {
    name: "王军 Wang Jun",
    email: "wang.jun@ningbo-oceanic.example",
    role: "manager",
    team: "Americas",
    locale: "zh-CN",
  },
  {
    name: "张敏 Zhang Min",
    email: "zhang.min@ningbo-oceanic.example",
    role: "sales",
    team: "Europe",
    locale: "zh-CN",
  },
  {
    name: "刘洋 Liu Yang",
    email: "liu.yang@ningbo-oceanic.example",
    role: "sales",
    team: "Europe",
    locale: "zh-CN",
  },
  {
    name: "赵磊 Zhao Lei",
    email: "zhao.lei@ningbo-oceanic.example",
    role: "sales",
    team: "Europe",
    locale: "en-US",
  },
  {
    name: "孙丽 Sun Li",
    email: "sun.li@ningbo-oceanic.example",
    role: "sales",
    team: "Americas",
    locale: "zh-CN",
  },
  {
    name: "周杰 Zhou Jie",
    email: "zhou.jie@ningbo-oceanic.example",
    role: "sales",
    team: "Americas",
    locale: "en-US",
  },
  { name: "黄芳 Huang Fang", email: "huang.fang@ningbo-oceanic.example", role: "logistics", locale: "zh-CN" },
  { name: "吴琼 Wu Qiong", email: "wu.qiong@ningbo-oceanic.example", role: "finance", locale: "zh-CN" },
  { name: "徐慧 Xu Hui", email: "xu.hui@ningbo-oceanic.example", role: "marketing", locale: "zh-CN" },
];

export type DemoWorkspace = { workspaceId: string; userIds: Record<string, string> };

// Idempotent: running it again on the demo workspace adds only what is missing.
export async function seedDemoWorkspace(db: Db): Promise<DemoWorkspace> {
  const [existingAdmin] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
  let workspaceId: string;
  if (existingAdmin) {
    workspaceId = existingAdmin.workspaceId;
  } else {
    if (!(await isSetupNeeded(db))) {
      throw new Error(
        "This database already holds a workspace that is not the demo; the demo loads only into an empty database.",
      );
    }
    const created = await createWorkspaceWithAdmin(
      db,
      {
        workspaceName: "宁波远洋贸易有限公司 Ningbo Oceanic Trading Co., Ltd.",
        adminName: "陈伟 Chen Wei",
        email: DEMO_ADMIN_EMAIL,
        password: DEMO_PASSWORD,
        currency: "CNY",
        timeZone: "Asia/Shanghai",
        locale: "zh-CN",
      },
      { onlyIfNone: true },
    );
    workspaceId = created.workspaceId;
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds: Record<string, string> = {};
  for (const demoUser of DEMO_USERS) {
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), eq(users.email, demoUser.email)));
    if (existing) {
      userIds[demoUser.email] = existing.id;
      continue;
    }
    const [row] = await db
      .insert(users)
      .values({
        workspaceId,
        name: demoUser.name,
        email: demoUser.email,
        passwordHash,
        role: demoUser.role,
        locale: demoUser.locale,
        timeZone: "Asia/Shanghai",
      })
      .returning({ id: users.id });
    if (row) userIds[demoUser.email] = row.id;
  }

  for (const teamName of ["Europe", "Americas"] as const) {
    const managerEmail = DEMO_USERS.find((u) => u.team === teamName && u.role === "manager")?.email;
    const managerId = managerEmail ? userIds[managerEmail] : undefined;
    let [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.name, teamName)));
    if (!team) {
      [team] = await db
        .insert(teams)
        .values({ workspaceId, name: teamName, managerId: managerId ?? null })
        .returning({ id: teams.id });
    }
    if (!team) continue;
    for (const member of DEMO_USERS.filter((u) => u.team === teamName)) {
      const memberId = userIds[member.email];
      if (memberId) {
        await db
          .update(users)
          .set({ teamId: team.id })
          .where(and(eq(users.workspaceId, workspaceId), eq(users.id, memberId)));
      }
    }
  }
  return { workspaceId, userIds };
}

export async function loadDemo(db: Db): Promise<void> {
  const { workspaceId } = await seedDemoWorkspace(db);
  const customersCreated = await seedDemoCustomers(db, workspaceId);
  const tasksCreated = await seedDemoWork(db, workspaceId);
  const commentsCreated = await seedDemoComments(db, workspaceId);
  const productsCreated = await seedDemoProducts(db, workspaceId);
  // Rates first, so orders confirmed below find the rate of their day.
  const rateDays = await seedDemoRates(db, workspaceId);
  // After the products: quotations and orders are priced from the catalogue.
  const trade = await seedDemoTrade(db, workspaceId);
  const logistics = await seedDemoLogistics(db, workspaceId);
  console.log("\nDemo workspace loaded: Ningbo Oceanic Trading Co., Ltd. (宁波远洋贸易有限公司)");
  if (customersCreated > 0)
    console.log(`${customersCreated} demo customers with contacts and follow-ups added.`);
  if (tasksCreated > 0) console.log(`${tasksCreated} demo tasks and a team meeting with action items added.`);
  if (commentsCreated > 0) console.log(`${commentsCreated} demo comments with @mentions added.`);
  if (productsCreated > 0)
    console.log(
      `${productsCreated} demo products with prices, packing and stock in the main warehouse added.`,
    );
  if (trade.quotations > 0)
    console.log(
      `${trade.quotations} demo quotations and ${trade.orders} orders across their lifecycle added.`,
    );
  if (rateDays > 0) console.log(`${rateDays} days of ECB reference exchange rates added.`);
  if (logistics.shipments > 0)
    console.log(
      `${logistics.shipments} more demo shipments and ${logistics.payments} payments received added; some receivables are overdue.`,
    );
  console.log(`Every demo user signs in with the password "${DEMO_PASSWORD}":\n`);
  const rows = [{ name: "陈伟 Chen Wei", email: DEMO_ADMIN_EMAIL, role: "admin", team: "" }, ...DEMO_USERS];
  for (const row of rows) {
    console.log(
      `  ${row.role.padEnd(10)} ${row.email.padEnd(38)} ${row.name}${row.team ? ` (${row.team})` : ""}`,
    );
  }
  console.log("");
}
