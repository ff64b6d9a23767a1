import { and, eq, sql } from "drizzle-orm";
import type { ActivityType, CustomerStage, CustomerTier } from "../../shared/schemas/customers";
import type { Db } from "../src/db/client";
import { actorFromUser } from "../src/modules/auth/auth.service";
import { loadViewer } from "../src/modules/customers/customers.policy";
import { createCustomer } from "../src/modules/customers/customers.service";
import { activities, customers } from "../src/modules/customers/customers.table";
import { users } from "../src/modules/users/users.table";
import { generateCompany, pick, seededRng } from "./company-generator";

const DAY_MS = 24 * 3600 * 1000;
const FOLLOW_UP_LINES: [ActivityType, string][] = [
  ["email", "Sent the new catalogue and FOB Ningbo price list"],
  ["call", "Discussed annual volume and preferred payment terms (30% T/T deposit)"],
  ["im", "WhatsApp: asked for photos of the packing and carton marks"],
  ["meeting", "Met at the Canton Fair booth; interested in the new series"],
  ["sample_sent", "Samples sent by DHL, tracking number shared"],
  ["visit", "Visited their warehouse; they stock our competitor's line"],
  ["note", "Buyer travels in March; follow up after the trade show"],
];
const STAGES: CustomerStage[] = [
  "new",
  "contacted",
  "contacted",
  "quoted",
  "sampled",
  "ordered",
  "repeat",
  "lost",
];
const TIERS: CustomerTier[] = ["A", "B", "B", "C", "C", "C", "D"];

// About 300 buyers spread over the reps, a share in the public pool, some close to returning there.
export async function seedDemoCustomers(db: Db, workspaceId: string, count = 300): Promise<number> {
  const [existing] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(customers)
    .where(eq(customers.workspaceId, workspaceId));
  if ((existing?.count ?? 0) > 0) return 0;
  const sellers = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "sales")));
  const [admin] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin")));
  if (sellers.length === 0 || !admin) return 0;
  const adminViewer = await loadViewer(db, actorFromUser(admin, "session"));

  const rng = seededRng(20261127);
  const usedNames = new Set<string>();
  const now = Date.now();
  let created = 0;
  for (let index = 0; created < count && index < count * 3; index++) {
    const company = generateCompany(rng, index);
    if (usedNames.has(company.name)) continue;
    usedNames.add(company.name);
    const inPool = rng() < 0.2;
    const owner = pick(rng, sellers);
    const customer = await createCustomer(db, adminViewer, {
      name: company.name,
      country: company.country,
      city: company.city,
      website: company.website ?? undefined,
      phones: company.phone ? [company.phone] : undefined,
      tier: pick(rng, TIERS),
      stage: pick(rng, STAGES),
      source: pick(rng, [
        "trade_show",
        "website",
        "b2b_platform",
        "referral",
        "cold_outreach",
        "customs_data",
      ] as const),
      tags: [company.trade.toLowerCase().replace(/\s+/g, "-")],
      productsOfInterest: [company.trade],
      contacts: company.contacts.map((contact) => ({
        name: contact.name,
        email: contact.email,
        phone: contact.phone ?? undefined,
        title: contact.title,
      })),
      ownerId: inPool ? null : owner.id,
      confirmNotDuplicate: true,
    }).catch(() => undefined);
    if (!customer) continue;
    created += 1;

    // Ages: created up to a year ago; a tenth of the private ones idle for 27–29 days, so the
    // "returns to the pool soon" warnings and the automatic release can be seen on day one.
    const createdAt = new Date(now - (40 + Math.floor(rng() * 320)) * DAY_MS);
    const nearRelease = !inPool && rng() < 0.1;
    const lastFollowUp = nearRelease
      ? new Date(now - (27 + rng() * 2) * DAY_MS)
      : new Date(now - Math.floor(rng() * 25) * DAY_MS - 3600_000);
    const followUps = inPool ? 1 : 1 + Math.floor(rng() * 4);
    const rows = [];
    for (let f = followUps - 1; f >= 0; f--) {
      const [type, summary] = pick(rng, FOLLOW_UP_LINES);
      rows.push({
        workspaceId,
        customerId: customer.id,
        type,
        summary,
        occurredAt: new Date(lastFollowUp.getTime() - f * 9 * DAY_MS),
        createdBy: inPool ? admin.id : owner.id,
      });
    }
    await db.insert(activities).values(rows);
    const next = rng() < 0.5 ? new Date(now + Math.floor(rng() * 10 - 2) * DAY_MS) : null;
    await db
      .update(customers)
      .set({
        createdAt,
        ownedSince: inPool ? null : new Date(Math.min(createdAt.getTime() + DAY_MS, lastFollowUp.getTime())),
        releasedAt: inPool ? new Date(now - Math.floor(rng() * 60) * DAY_MS) : null,
        lastFollowUpAt: lastFollowUp,
        nextFollowUpAt: inPool ? null : next,
        updatedAt: lastFollowUp,
      })
      .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customer.id)));
  }
  return created;
}
