import type { Line, Quotation, RevisionDiff } from "../../../../shared/schemas/quotations";

// What changed from one revision of a quotation to the next: terms, then lines added, removed and
// changed. A line is the same line in both revisions when it is the same product (or, for free-text
// lines, the same description), in order of appearance.

const HEADER_FIELDS = [
  "contactName",
  "currency",
  "incoterm",
  "namedPlace",
  "paymentTerms",
  "validUntil",
  "leadTimeDays",
  "remarks",
  "total",
] as const;
const LINE_FIELDS = ["description", "quantity", "unit", "unitPrice", "discountPercent", "lineTotal"] as const;

type Header = Pick<Quotation, (typeof HEADER_FIELDS)[number]>;
type Side = { header: Header; lines: Line[] };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function keyed(lines: Line[]): Map<string, Line> {
  const seen = new Map<string, number>();
  const result = new Map<string, Line>();
  for (const line of lines) {
    const base = line.productId ?? `text:${line.description.trim().toLowerCase()}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    result.set(`${base}#${occurrence}`, line);
  }
  return result;
}

const digest = (line: Line) => ({
  sku: line.sku,
  description: line.description,
  quantity: line.quantity,
  unitPrice: line.unitPrice,
  discountPercent: line.discountPercent,
  lineTotal: line.lineTotal,
});

export function diffRevisions(
  from: { id: string; revision: number },
  before: Side,
  after: Side,
): RevisionDiff {
  const fields = HEADER_FIELDS.filter((field) => !same(before.header[field], after.header[field])).map(
    (field) => ({ field, from: before.header[field], to: after.header[field] }),
  );
  const old = keyed(before.lines);
  const now = keyed(after.lines);
  const linesChanged: RevisionDiff["linesChanged"] = [];
  for (const [key, line] of now) {
    const previous = old.get(key);
    if (!previous) continue;
    const changes = LINE_FIELDS.filter((field) => !same(previous[field], line[field])).map((field) => ({
      field,
      from: previous[field],
      to: line[field],
    }));
    if (changes.length > 0) linesChanged.push({ sku: line.sku, description: line.description, changes });
  }
  return {
    fromRevision: from.revision,
    fromId: from.id,
    fields,
    linesAdded: [...now].filter(([key]) => !old.has(key)).map(([, line]) => digest(line)),
    linesRemoved: [...old].filter(([key]) => !now.has(key)).map(([, line]) => digest(line)),
    linesChanged,
  };
}
