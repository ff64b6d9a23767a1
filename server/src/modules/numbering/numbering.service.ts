import { eq, sql } from "drizzle-orm";
import type { NumberingSettings } from "../../../../shared/schemas/documents";
import type { DbOrTx } from "../../db/client";
import { conflict } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { getSection, type Section, updateSection } from "../settings/settings.service";
import { workspaces } from "../workspaces/workspaces.table";
import { numberSeries } from "./numbering.table";

export type SeriesKind = keyof NumberingSettings;

const NUMBERING: Section<NumberingSettings> = {
  key: "numbering",
  defaults: { quotation: "QT-{YYYY}-{####}", order: "PI-{YYYY}-{####}", invoice: "CI-{YYYY}-{####}" },
};

export const getNumberingSettings = (db: DbOrTx, workspaceId: string) =>
  getSection(db, workspaceId, NUMBERING);
export const updateNumberingSettings = (db: DbOrTx, actor: Actor, input: Partial<NumberingSettings>) =>
  updateSection(db, actor, NUMBERING, input);

type DateParts = { year: string; month: string };

// Numbers follow the calendar of the workspace: a quotation made on 1 January 00:30 in Shanghai is
// numbered in the new year even though it is still 31 December in UTC.
function localDateParts(now: Date, timeZone: string): DateParts {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  return { year: get("year"), month: get("month") };
}

// The counter restarts with each period the pattern names: monthly with {MM}, yearly with a year.
export function periodOf(pattern: string, { year, month }: DateParts): string {
  if (pattern.includes("{MM}")) return `${year}-${month}`;
  if (pattern.includes("{YYYY}") || pattern.includes("{YY}")) return year;
  return "";
}

export function formatNumber(pattern: string, { year, month }: DateParts, value: number): string {
  return pattern.replace(/\{YYYY\}|\{YY\}|\{MM\}|\{#+\}/g, (token) => {
    if (token === "{YYYY}") return year;
    if (token === "{YY}") return year.slice(-2);
    if (token === "{MM}") return month;
    return String(value).padStart(token.length - 2, "0");
  });
}

// Draws the next number of a series. Call it inside the transaction that creates the document: the
// counter row stays locked until that transaction ends, so concurrent creations queue and each gets
// its own value. A creation that rolls back leaves a gap in the series; a number is never used twice
// (the documents' unique indexes guarantee it too). isTaken skips numbers an earlier pattern already
// produced, which only matters after the pattern was changed.
export async function nextNumber(
  tx: DbOrTx,
  workspaceId: string,
  kind: SeriesKind,
  isTaken: (number: string) => Promise<boolean>,
  now = new Date(),
): Promise<string> {
  const [workspace] = await tx
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new Error(`workspace ${workspaceId} not found`);
  const pattern = (await getNumberingSettings(tx, workspaceId))[kind];
  const parts = localDateParts(now, workspace.timeZone);
  const period = periodOf(pattern, parts);
  for (let attempt = 0; attempt < 50; attempt++) {
    const [row] = await tx
      .insert(numberSeries)
      .values({ workspaceId, kind, period, lastValue: 1 })
      .onConflictDoUpdate({
        target: [numberSeries.workspaceId, numberSeries.kind, numberSeries.period],
        set: { lastValue: sql`${numberSeries.lastValue} + 1`, updatedAt: now },
      })
      .returning({ value: numberSeries.lastValue });
    if (!row) throw new Error("the number series returned no value");
    const number = formatNumber(pattern, parts, row.value);
    if (!(await isTaken(number))) return number;
  }
  throw conflict(
    `The ${kind} number pattern "${pattern}" keeps producing numbers already in use; change it.`,
  );
}
