import { createHash, randomUUID } from "node:crypto";
import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type {
  Import,
  ImportColumn,
  ImportField,
  ImportMapping,
  ImportQuerySchema,
  ImportRowResult,
} from "../../../../shared/schemas/imports";
import { type Db, type DbOrTx, parallelTransactions, type Tx } from "../../db/client";
import { enqueueJob, type JobRow } from "../../jobs/queue";
import { badRequest, conflict, forbidden, notFound } from "../../lib/app-error";
import { iso, isoOrNull } from "../../lib/dates";
import { yieldToEventLoop } from "../../lib/yield";
import { recordAudit } from "../audit/audit.service";
import type { Viewer } from "../customers/customers.policy";
import { assertAssignableUser, lockOwner, ownerNameOf } from "../customers/customers.service";
import { customers } from "../customers/customers.table";
import { recordSearchWords } from "../customers/search";
import { MatchKeyWriter } from "../dedupe/dedupe.service";
import { customerMatchKeys } from "../dedupe/dedupe.table";
import { notify } from "../notifications/notifications.service";
import { getPoolSettings } from "../settings/settings.service";
import { users } from "../users/users.table";
import { resolveColumns } from "./columns";
import { imports } from "./imports.table";
import { insertCustomers } from "./insert";
import { readSheet } from "./read-file";
import { cellsByField, type PreparedRow, prepareRow } from "./rows";

export const IMPORT_JOB = "import.customers";

// Rows checked against the database and inserted per chunk (one transaction on PGlite, two side by
// side on PostgreSQL). PGlite runs each statement on the main thread and one transaction at a time,
// so this bounds how long an import stalls other requests there (a chunk's thousands of match keys
// take a few hundred milliseconds); on PostgreSQL the per-chunk overhead is a few milliseconds, and
// chunks of 1,000 rows measured no faster.
const CHUNK_SIZE = 250;
const CHECK_SLICE = 25;
// Errors returned with the import status; all of them are also in the per-row results.
const ERRORS_SHOWN = 1000;

// What the job needs besides the rows. The rows are stored as [row number, ...cells] with one cell
// per used column (field ≠ "ignore"), in the order of columns.
export type ImportOptions = { columns: ImportColumn[]; assignTo: string; ownerId: string | null };
type StoredRow = [number, ...string[]];

const FIELD_NAMES: Record<ImportField, string> = {
  name: "Company name",
  localName: "Local name",
  country: "Country",
  city: "City",
  address: "Address",
  website: "Website",
  email: "Email",
  phone: "Phone",
  contactName: "Contact",
  title: "Title",
  industry: "Industry",
  tier: "Tier",
  stage: "Stage",
  source: "Source",
  tags: "Tags",
  notes: "Notes",
};

// Like creating a customer: a rep imports for themselves; managers and admins also for a colleague
// or straight into the public pool.
async function resolveOwner(db: DbOrTx, viewer: Viewer, assignTo: string): Promise<string | null> {
  if (assignTo === "me" || assignTo === viewer.userId) return viewer.userId;
  if (viewer.role !== "admin" && viewer.role !== "manager") {
    throw forbidden("Only managers and admins can import customers for someone else or into the public pool");
  }
  if (assignTo === "pool") return null;
  await assertAssignableUser(db, viewer.workspaceId, assignTo, "assignTo");
  return assignTo;
}

async function startJob(db: Db, workspaceId: string, importId: string): Promise<void> {
  try {
    await enqueueJob(db, { kind: IMPORT_JOB, workspaceId, payload: { importId } });
  } catch (error) {
    await markFailed(db, workspaceId, importId, "The import could not be queued");
    throw error;
  }
}

// Reads and stores the file's rows right away, so a file that cannot be imported is refused in the
// upload's answer; the checking and inserting run as a job on whichever instance takes it.
export async function createImport(
  db: Db,
  viewer: Viewer,
  upload: { fileName: string; content: Buffer; dryRun: boolean; assignTo: string; mapping?: ImportMapping },
): Promise<string> {
  const ownerId = await resolveOwner(db, viewer, upload.assignTo);
  const sheet = await readSheet(upload.fileName, upload.content, upload.mapping);
  const columns = resolveColumns(sheet.headers, upload.mapping);
  const missing = (["name", "country"] as const).filter((field) => !columns.some((c) => c.field === field));
  if (missing.length > 0) {
    throw badRequest(
      `The file has no ${missing.map((field) => FIELD_NAMES[field].toLowerCase()).join(" and no ")} column. Found: ${sheet.headers.join(", ")}. Name the column (e.g. "Country" or "国家") or map it.`,
      { missing, headers: sheet.headers },
    );
  }
  const used = columns.flatMap((column, at) => (column.field === "ignore" ? [] : [at]));
  const rows: StoredRow[] = sheet.rows.map(({ row, cells }) => [row, ...used.map((at) => cells[at] ?? "")]);
  const options: ImportOptions = { columns, assignTo: upload.assignTo, ownerId };
  const id = randomUUID();
  await db.insert(imports).values({
    workspaceId: viewer.workspaceId,
    id,
    userId: viewer.userId,
    kind: "customers",
    dryRun: upload.dryRun,
    fileName: upload.fileName,
    fileHash: createHash("sha256").update(upload.content).digest("hex"),
    options,
    total: rows.length,
    rows,
  });
  await startJob(db, viewer.workspaceId, id);
  return id;
}

// Imports a dry run's rows for real without uploading the file again.
export async function commitDryRun(db: Db, viewer: Viewer, dryRunId: string): Promise<string> {
  const [dryRun] = await db
    .select({
      dryRun: imports.dryRun,
      status: imports.status,
      options: imports.options,
      hasRows: sql<boolean>`${imports.rows} is not null`,
    })
    .from(imports)
    .where(importScope(viewer, dryRunId, { ownOnly: true }));
  if (!dryRun) throw notFound("Import");
  if (!dryRun.dryRun) throw conflict("This import is not a dry run");
  if (dryRun.status !== "done") throw conflict("The dry run has not finished yet");
  if (!dryRun.hasRows) throw conflict("This dry run has already been imported");
  const { assignTo } = dryRun.options as ImportOptions;
  const ownerId = await resolveOwner(db, viewer, assignTo);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const options = JSON.stringify({ ...dryRun.options, ownerId });
    // The rows are copied inside the database, not through this process.
    await tx.execute(sql`
      insert into ${imports} (workspace_id, id, user_id, kind, dry_run, file_name, file_hash, options, total, rows)
      select workspace_id, ${id}::uuid, user_id, kind, false, file_name, file_hash, ${options}::jsonb, total, rows
      from ${imports} where workspace_id = ${viewer.workspaceId}::uuid and id = ${dryRunId}::uuid`);
    await tx
      .update(imports)
      .set({ rows: null })
      .where(importScope(viewer, dryRunId, { ownOnly: true }));
  });
  await startJob(db, viewer.workspaceId, id);
  return id;
}

// Only the importer and admins see an import; to anyone else it does not exist. Product imports share
// the table and have their own status route.
function importScope(viewer: Viewer, id: string, options: { ownOnly?: boolean } = {}) {
  return and(
    eq(imports.workspaceId, viewer.workspaceId),
    eq(imports.id, id),
    eq(imports.kind, "customers"),
    viewer.role === "admin" && !options.ownOnly ? undefined : eq(imports.userId, viewer.userId),
  );
}

// Elements [offset, offset + limit) of a jsonb array column, optionally only those with an outcome;
// sliced in the database so a status poll never loads 100,000 results.
export function jsonSlice(
  column: typeof imports.results | typeof imports.errors,
  offset: number,
  limit: number,
  outcome?: string,
) {
  const filter = outcome ? sql`where e ->> 'outcome' = ${outcome}` : sql``;
  return sql<unknown[] | null>`(
    select jsonb_agg(e order by n) from (
      select e, row_number() over (order by i) as n
      from jsonb_array_elements(${column}) with ordinality as t(e, i) ${filter}
    ) page where n > ${offset} and n <= ${offset + limit}
  )`;
}

export async function getImport(
  db: DbOrTx,
  viewer: Viewer,
  id: string,
  query: z.infer<typeof ImportQuerySchema>,
): Promise<Import> {
  const [row] = await db
    .select({
      id: imports.id,
      status: imports.status,
      dryRun: imports.dryRun,
      fileName: imports.fileName,
      options: imports.options,
      total: imports.total,
      processed: imports.processed,
      created: imports.created,
      duplicates: imports.duplicates,
      errorCount: sql<number>`jsonb_array_length(${imports.errors})`.mapWith(Number),
      errors: sql<{ row: number; message: string }[] | null>`(
        select jsonb_agg(e order by i) from jsonb_array_elements(${imports.errors}) with ordinality as t(e, i)
        where i <= ${ERRORS_SHOWN})`,
      results: jsonSlice(imports.results, query.offset, query.limit, query.outcome),
      hasResults: sql<boolean>`${imports.results} is not null`,
      failure: imports.failure,
      createdAt: imports.createdAt,
      finishedAt: imports.finishedAt,
    })
    .from(imports)
    .where(importScope(viewer, id));
  if (!row) throw notFound("Import");
  const options = row.options as ImportOptions;
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dryRun,
    fileName: row.fileName,
    ownerId: options.ownerId,
    columns: options.columns,
    total: row.total,
    processed: row.processed,
    created: row.created,
    duplicates: row.duplicates,
    errorCount: row.errorCount,
    errors: row.errors ?? [],
    results: row.hasResults ? ((row.results ?? []) as ImportRowResult[]) : undefined,
    failure: row.failure,
    createdAt: iso(row.createdAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

// How telling each kind of match is, most first: a row is reported against its best match.
const MATCH_ORDER = ["import", "name", "email", "phone", "host", "domain"];

type ExistingMatch = {
  i: number;
  via: string;
  value: string | null;
  customerId: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
};

// The first customer already in the database that each prepared row duplicates, found in one
// statement per chunk: by import identity, by normalized name in the same country, and by the exact
// keys of the duplicate check (contact e-mail, company domain, phone, website host).
//
// Each probe is a lateral index lookup: during an import the tables grow faster than autovacuum
// analyzes them, and with stale statistics a join over the whole chunk was planned as a scan of every
// customer of the workspace per chunk (minutes for 100,000 rows). "is not distinct from" on the
// country is not indexable, which keeps the name lookup on the name index for the same reason.
//
// The interactive check's fuzzy name scoring (findDuplicates) is not run per row: it costs a query
// per row, several seconds for every thousand rows, so 100,000 rows could not be checked in the time
// an import has. Its blocking keys are written for every imported customer, so later checks and
// creations still find near-duplicates among them.
async function findExisting(db: DbOrTx, workspaceId: string, rows: PreparedRow[]): Promise<ExistingMatch[]> {
  if (rows.length === 0) return [];
  const probes = rows.flatMap((row, i) => [
    { i, via: "import", value: row.importKey, country: null },
    { i, via: "name", value: row.nameNormalized, country: row.input.country },
    ...row.exactKeys.map((key) => ({ i, via: key.kind, value: key.value, country: null })),
  ]);
  const result = await db.execute<ExistingMatch>(sql`
    select distinct on (p.i) p.i, p.via, p.value, c.id as "customerId", c.name, c.owner_id as "ownerId",
      u.name as "ownerName"
    from json_to_recordset(${JSON.stringify(probes)}::json) as p(i int, via text, value text, country text)
    cross join lateral (
      select c.id, c.name, c.owner_id from ${customers} c
      where p.via = 'import' and c.workspace_id = ${workspaceId}::uuid and c.import_key = p.value
      union all
      select c.id, c.name, c.owner_id from ${customers} c
      where p.via = 'name' and c.workspace_id = ${workspaceId}::uuid and c.name_normalized = p.value
        and c.country is not distinct from p.country
      union all
      select c.id, c.name, c.owner_id from ${customerMatchKeys} m
      join ${customers} c on c.workspace_id = m.workspace_id and c.id = m.customer_id
      where p.via not in ('import', 'name') and m.workspace_id = ${workspaceId}::uuid and m.kind = p.via
        and m.value = p.value
      limit 1
    ) c
    left join ${users} u on u.workspace_id = ${workspaceId}::uuid and u.id = c.owner_id
    order by p.i, array_position(${`{${MATCH_ORDER.join(",")}}`}::text[], p.via)`);
  return result.rows;
}

function reasonOf(via: string, value: string | null): string {
  switch (via) {
    case "import":
      return "the same company was imported before";
    case "name":
      return "same company name and country";
    case "email":
      return `same contact e-mail ${value}`;
    case "phone":
      return `same phone ${value}`;
    case "host":
      return `same website ${value}`;
    default:
      return `same company domain ${value}`;
  }
}

// The keys two rows of one file are compared by: the name within a country and the exact keys.
function fileKeys(row: PreparedRow): { key: string; via: string; value: string | null }[] {
  return [
    { key: `name:${row.nameNormalized}|${row.input.country}`, via: "name", value: null },
    ...[...row.exactKeys]
      .sort((a, b) => MATCH_ORDER.indexOf(a.kind) - MATCH_ORDER.indexOf(b.kind))
      .map((key) => ({ key: `${key.kind}:${key.value}`, via: key.kind, value: key.value })),
  ];
}

type Summary = { created: number; duplicates: number; errors: { row: number; message: string }[] };

type ImportRecord = {
  workspaceId: string;
  id: string;
  userId: string;
  dryRun: boolean;
  fileName: string;
  options: ImportOptions;
  rows: StoredRow[];
};

type Candidate = { prepared: PreparedRow; result: ImportRowResult };
type FileDuplicate = { result: ImportRowResult; of: ImportRowResult; reason: string };
// The first row of the file with each identity key, by the result that row got.
type SeenKeys = Map<string, ImportRowResult>;

// Validates a chunk's rows, appends their results, and sets aside the rows an earlier row of the
// file already stands for; the others are candidates for the database check.
type CheckedChunk = { candidates: Candidate[]; fileDuplicates: FileDuplicate[] };

async function checkChunk(
  chunk: StoredRow[],
  used: ImportColumn[],
  label: (field: ImportField) => string,
  seen: SeenKeys,
  results: ImportRowResult[],
): Promise<CheckedChunk> {
  const candidates: Candidate[] = [];
  const fileDuplicates: FileDuplicate[] = [];
  for (const [index, [row, ...cells]] of chunk.entries()) {
    // In slices, so that the previous chunk's statements and other requests progress meanwhile.
    if (index % CHECK_SLICE === 0) await yieldToEventLoop();
    const outcome = prepareRow(row, cellsByField(used, cells), label);
    if (!outcome.ok) {
      results.push({ row, outcome: "error", name: outcome.name, message: outcome.message });
      continue;
    }
    const { prepared } = outcome;
    const result: ImportRowResult = { row, outcome: "created", name: prepared.input.name };
    results.push(result);
    const keys = fileKeys(prepared);
    const earlier = keys.find(({ key }) => seen.has(key));
    const root = earlier ? seen.get(earlier.key) : undefined;
    // A duplicate's other keys point at the row it duplicates, so a third row matching any of them
    // is reported against the first.
    for (const { key } of keys) if (!seen.has(key)) seen.set(key, root ?? result);
    if (earlier && root) {
      result.outcome = "duplicate";
      fileDuplicates.push({
        result,
        of: root,
        reason: `${reasonOf(earlier.via, earlier.value)} as row ${root.row}`,
      });
    } else {
      candidates.push({ prepared, result });
    }
  }
  return { candidates, fileDuplicates };
}

async function markExisting(db: DbOrTx, workspaceId: string, candidates: Candidate[]): Promise<void> {
  const matches = await findExisting(
    db,
    workspaceId,
    candidates.map((candidate) => candidate.prepared),
  );
  for (const match of matches) {
    const candidate = candidates[match.i];
    if (!candidate) continue;
    candidate.result.outcome = "duplicate";
    candidate.result.duplicateOf = {
      customerId: match.customerId,
      name: match.name,
      ownerName: match.ownerName,
      inPublicPool: match.ownerId === null,
      row: null,
      reason: reasonOf(match.via, match.value),
    };
  }
}

// Once the row a duplicate points at has its own outcome: the customer it became, or the customer it
// duplicates in turn.
function describeFileDuplicates(
  duplicates: FileDuplicate[],
  ownerId: string | null,
  ownerName: string | null,
) {
  for (const { result, of, reason } of duplicates) {
    result.duplicateOf =
      of.outcome === "duplicate" && of.duplicateOf
        ? { ...of.duplicateOf, row: of.row, reason }
        : {
            customerId: of.customerId ?? null,
            name: of.name,
            ownerName: of.outcome === "created" ? ownerName : null,
            inPublicPool: of.outcome === "created" && ownerId === null,
            row: of.row,
            reason,
          };
  }
}

function summarize(results: ImportRowResult[]): Summary {
  const summary: Summary = { created: 0, duplicates: 0, errors: [] };
  for (const result of results) {
    if (result.outcome === "created") summary.created += 1;
    else if (result.outcome === "duplicate") summary.duplicates += 1;
    else summary.errors.push({ row: result.row, message: result.message ?? "" });
  }
  return summary;
}

// Splits items into consecutive parts of nearly equal size, one per database handle, and works on
// each part with its handle at the same time.
function acrossLanes<T, R>(
  lanes: DbOrTx[],
  items: T[],
  work: (lane: DbOrTx, part: T[]) => Promise<R>,
): Promise<R[]> {
  const size = Math.ceil(items.length / lanes.length);
  return Promise.all(lanes.map((lane, at) => work(lane, items.slice(at * size, (at + 1) * size))));
}

// Runs work with the chunk's transaction and, when the database serves transactions in parallel, a
// second one on another connection, so that both of PostgreSQL's processes check and insert half the
// chunk each: the database is the import's bottleneck. The second transaction commits before the
// first, which still holds the workspace's import lock: another import sees the chunk whole or not at
// all. Were the first to fail after that commit, the import fails as after any committed chunk.
async function alongside<T>(db: Db, tx: Tx, lanes: number, work: (txs: DbOrTx[]) => Promise<T>): Promise<T> {
  if (lanes < 2) return work([tx]);
  return db.transaction(async (second) => {
    await second.execute(sql`select set_config('synchronous_commit', 'off', true)`);
    return work([tx, second]);
  });
}

async function processRows(db: Db, record: ImportRecord): Promise<ImportRowResult[]> {
  const { workspaceId, options } = record;
  const { ownerId } = options;
  const used = options.columns.filter((column) => column.field !== "ignore");
  const label = (field: ImportField) =>
    used.find((column) => column.field === field)?.header ?? FIELD_NAMES[field];
  const ownerName = await ownerNameOf(db, workspaceId, ownerId);
  const { maxPrivatePerRep } = await getPoolSettings(db, workspaceId);
  const privateCount = async (tx: DbOrTx, userId: string) => {
    const counted = await tx.execute<{ count: number }>(sql`
      select count(*)::int as count from (
        select 1 from ${customers} where workspace_id = ${workspaceId}::uuid and owner_id = ${userId}::uuid
        limit ${maxPrivatePerRep}) owned`);
    return Number(counted.rows[0]?.count ?? 0);
  };
  // The owner's private customers, kept as a tally: counting them again for every chunk would scan
  // up to the limit each time. Near the limit the real import counts exactly, under the owner's lock,
  // so what the owner gained meanwhile (claims, creations) is taken into account.
  let owned = ownerId ? await privateCount(db, ownerId) : 0;
  const limitMessage = `${ownerName ?? "The owner"} would have more than ${maxPrivatePerRep} private customers (the workspace limit): import the remaining rows into the public pool or raise the limit`;
  const lanes = parallelTransactions(db);
  const matchKeys = await MatchKeyWriter.start(db, workspaceId);
  // The search words this import has recorded: a file repeats most of its words (trades, cities,
  // common name words), and each chunk would otherwise write them again.
  const recordedWords = new Set<string>();
  const seen: SeenKeys = new Map();
  const results: ImportRowResult[] = [];
  const check = (start: number) =>
    checkChunk(record.rows.slice(start, start + CHUNK_SIZE), used, label, seen, results);
  let checked = await check(0);
  for (let start = 0; start < record.rows.length; start += CHUNK_SIZE) {
    const { candidates, fileDuplicates } = checked;
    // The rows still new after the database check, within what the owner may still take.
    const fresh = (allowance: number) => {
      const created = candidates.filter((candidate) => candidate.result.outcome === "created");
      for (const { result } of created.slice(Math.max(allowance, 0))) {
        result.outcome = "error";
        result.message = limitMessage;
      }
      return created.slice(0, Math.max(allowance, 0));
    };
    const processed = Math.min(start + CHUNK_SIZE, record.rows.length);
    const writing = record.dryRun
      ? (async () => {
          await acrossLanes(Array(lanes).fill(db), candidates, (lane, part) =>
            markExisting(lane, workspaceId, part),
          );
          owned += fresh(ownerId ? maxPrivatePerRep - owned : Number.POSITIVE_INFINITY).length;
          await db.update(imports).set({ processed }).where(recordScope(record));
        })()
      : db.transaction(async (tx) => {
          // Imports of one workspace take turns chunk by chunk, so each sees what the other created
          // (the same file uploaded twice at once creates its customers once). Not waiting for each
          // chunk's commit to reach the disk halves the import's time; a crash loses at most the
          // last chunks, with their progress, and uploading the file again imports them.
          await tx.execute(sql`select set_config('synchronous_commit', 'off', true),
            pg_advisory_xact_lock(hashtext(${`import:${workspaceId}`}))`);
          const words = await alongside(db, tx, lanes, async (txs) => {
            await acrossLanes(txs, candidates, (lane, part) => markExisting(lane, workspaceId, part));
            if (ownerId) {
              await lockOwner(tx, ownerId);
              if (maxPrivatePerRep - owned < 2 * CHUNK_SIZE) owned = await privateCount(tx, ownerId);
            }
            const accepted = fresh(ownerId ? maxPrivatePerRep - owned : Number.POSITIVE_INFINITY);
            owned += accepted.length;
            const written = await acrossLanes(txs, accepted, async (lane, part) => {
              const { ids, words } = await insertCustomers(lane, {
                workspaceId,
                ownerId,
                importerId: record.userId,
                reason: `Imported from ${record.fileName}`,
                rows: part.map((candidate) => candidate.prepared),
                matchKeys,
              });
              part.forEach((candidate, at) => {
                candidate.result.customerId = ids[at];
              });
              return words;
            });
            return written.flatMap((words) => [...words].filter((word) => !recordedWords.has(word)));
          });
          await recordSearchWords(tx, workspaceId, words);
          for (const word of words) recordedWords.add(word);
          await matchKeys.listNewlyCommon(tx, workspaceId);
          await tx.update(imports).set({ processed }).where(recordScope(record));
        });
    // The next chunk is checked while this one's statements run in the database.
    [, checked] = await Promise.all([writing, check(start + CHUNK_SIZE)]);
    describeFileDuplicates(fileDuplicates, ownerId, ownerName);
  }
  return results;
}

function recordScope(record: Pick<ImportRecord, "workspaceId" | "id">) {
  return and(eq(imports.workspaceId, record.workspaceId), eq(imports.id, record.id));
}

async function markFailed(db: Db, workspaceId: string, id: string, failure: string): Promise<void> {
  const [record] = await db
    .update(imports)
    .set({ status: "failed", failure, finishedAt: new Date(), rows: null })
    .where(recordScope({ workspaceId, id }))
    .returning({ userId: imports.userId, fileName: imports.fileName });
  if (!record) return;
  await notify(db, [
    {
      workspaceId,
      userId: record.userId,
      type: "import_finished",
      title: `Import of ${record.fileName} failed: ${failure}`,
      entityType: "import",
      entityId: id,
    },
  ]);
}

// The queue runs a job again when the instance running it stopped midway. Its committed chunks are
// in, and a new upload of the file skips them as already imported, so the import is closed as failed
// rather than run twice.
async function failInterrupted(db: Db, workspaceId: string, importId: string): Promise<void> {
  const [stale] = await db
    .select({ processed: imports.processed })
    .from(imports)
    .where(and(recordScope({ workspaceId, id: importId }), eq(imports.status, "running")));
  if (!stale) return;
  await markFailed(
    db,
    workspaceId,
    importId,
    `The server stopped during the import after ${stale.processed} rows. Upload the file again: rows already imported are recognised and skipped.`,
  );
}

// The job: checks every row, inserts the new customers (unless a dry run), records each row's
// outcome. Never throws: a failure is recorded on the import, where the importer sees it.
export async function runImport(db: Db, workspaceId: string, importId: string): Promise<void> {
  const [claimed] = await db
    .update(imports)
    .set({ status: "running" })
    .where(and(recordScope({ workspaceId, id: importId }), eq(imports.status, "queued")))
    .returning();
  if (!claimed) {
    await failInterrupted(db, workspaceId, importId);
    return;
  }
  const record: ImportRecord = {
    workspaceId,
    id: importId,
    userId: claimed.userId,
    dryRun: claimed.dryRun,
    fileName: claimed.fileName,
    options: claimed.options as ImportOptions,
    rows: (claimed.rows ?? []) as StoredRow[],
  };
  try {
    const results = await processRows(db, record);
    const summary = summarize(results);
    await db.transaction(async (tx) => {
      await tx
        .update(imports)
        .set({
          status: "done",
          processed: record.rows.length,
          created: summary.created,
          duplicates: summary.duplicates,
          errors: summary.errors,
          results,
          // A dry run keeps its rows for the commit; a real import no longer needs them.
          rows: record.dryRun ? undefined : null,
          finishedAt: new Date(),
        })
        .where(recordScope(record));
      const counts = `${summary.created} new, ${summary.duplicates} duplicates, ${summary.errors.length} errors`;
      await notify(tx, [
        {
          workspaceId,
          userId: record.userId,
          type: "import_finished",
          title: record.dryRun
            ? `Dry run of ${record.fileName}: ${counts}`
            : `Import of ${record.fileName} finished: ${counts}`,
          entityType: "import",
          entityId: importId,
          data: { dryRun: record.dryRun, ...summary, errors: summary.errors.length },
        },
      ]);
      if (!record.dryRun) {
        await recordAudit(
          tx,
          { workspaceId, userId: record.userId },
          {
            action: "customers.imported",
            entityType: "import",
            entityId: importId,
            changes: {
              fileName: record.fileName,
              ownerId: record.options.ownerId,
              rows: record.rows.length,
              created: summary.created,
              duplicates: summary.duplicates,
              errors: summary.errors.length,
            },
          },
        );
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markFailed(
      db,
      workspaceId,
      importId,
      record.dryRun
        ? message
        : `${message}. Customers of the rows checked before the failure were created; upload the file again to import the rest (rows already imported are skipped).`,
    );
  }
}

export async function runImportJob(db: Db, job: JobRow): Promise<void> {
  const importId = job.payload.importId;
  if (!job.workspaceId || typeof importId !== "string") throw new Error("import job without an import id");
  await runImport(db, job.workspaceId, importId);
}

// Uploaded rows and per-row results are only needed while someone reviews or commits the import;
// a week later the counts and errors stay, the bulky payloads go.
export async function pruneImportPayloads(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const pruned = await db
    .update(imports)
    .set({ rows: null, results: null })
    .where(and(lt(imports.createdAt, cutoff), or(isNotNull(imports.rows), isNotNull(imports.results))))
    .returning({ id: imports.id });
  return pruned.length;
}
