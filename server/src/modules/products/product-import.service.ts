import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Role } from "../../../../shared/permissions";
import type {
  ProductImport,
  ProductImportColumn,
  ProductImportOutcome,
  ProductImportQuerySchema,
  ProductImportRowResult,
} from "../../../../shared/schemas/products";
import type { Db, DbOrTx } from "../../db/client";
import type { JobRow } from "../../jobs/queue";
import { enqueueJob } from "../../jobs/queue";
import { badRequest, conflict, forbidden, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { jsonSlice } from "../imports/imports.service";
import { imports } from "../imports/imports.table";
import { readSheet } from "../imports/read-file";
import { notify } from "../notifications/notifications.service";
import { PRODUCT_HEADER_RULE, resolveProductColumns } from "./product-columns";
import { asNewProduct, parseProductRow } from "./product-rows";
import { seesCost } from "./products.policy";
import {
  applyUpdate,
  COST_FORBIDDEN,
  insertProduct,
  type ProductPlan,
  type ProductRow,
  planUpdate,
  pricesByProduct,
  pricesOf,
  type Writer,
  workspaceCurrency,
} from "./products.service";
import { products } from "./products.table";

export const PRODUCT_IMPORT_JOB = "import.products";

// Rows checked and written per transaction; every product is its own statements (catalogues hold
// thousands of products, not the hundred thousands of a customer list), so chunks stay small.
const CHUNK_SIZE = 200;
const ERRORS_SHOWN = 1000;

// Stored rows hold [row number, ...cells of the used columns, in column order].
type StoredRow = [number, ...string[]];
type ImportOptions = { columns: ProductImportColumn[]; role: Role };

const usedColumns = (columns: ProductImportColumn[]) => columns.filter((column) => column.field !== "ignore");

async function startJob(db: Db, workspaceId: string, importId: string): Promise<void> {
  await enqueueJob(db, { kind: PRODUCT_IMPORT_JOB, workspaceId, payload: { importId } });
}

// Reads the file in the request, so a file that cannot be imported is refused in the answer; the rows
// are checked and written by a job on whichever instance takes it.
export async function createProductImport(
  db: Db,
  actor: Actor,
  upload: { fileName: string; content: Buffer; dryRun: boolean },
): Promise<string> {
  const sheet = await readSheet(upload.fileName, upload.content, {}, PRODUCT_HEADER_RULE);
  const columns = resolveProductColumns(sheet.headers);
  const cost = columns.find((column) => column.field === "costPrice");
  if (cost) {
    if (!seesCost(actor)) throw forbidden(`${COST_FORBIDDEN}: remove the "${cost.header}" column`);
    const currency = await workspaceCurrency(db, actor.workspaceId);
    if (cost.currency && cost.currency !== currency) {
      throw badRequest(
        `Cost prices are kept in ${currency}, the workspace currency; "${cost.header}" is in ${cost.currency}`,
      );
    }
  }
  const used = columns.flatMap((column, at) => (column.field === "ignore" ? [] : [at]));
  const rows: StoredRow[] = sheet.rows.map(({ row, cells }) => [row, ...used.map((at) => cells[at] ?? "")]);
  const options: ImportOptions = { columns, role: actor.role };
  const id = randomUUID();
  await db.insert(imports).values({
    workspaceId: actor.workspaceId,
    id,
    userId: actor.userId,
    kind: "products",
    dryRun: upload.dryRun,
    fileName: upload.fileName,
    fileHash: createHash("sha256").update(upload.content).digest("hex"),
    options,
    total: rows.length,
    rows,
  });
  await startJob(db, actor.workspaceId, id);
  return id;
}

// Only the importer and admins see a product import.
function importScope(actor: Actor, id: string, options: { ownOnly?: boolean } = {}) {
  return and(
    eq(imports.workspaceId, actor.workspaceId),
    eq(imports.id, id),
    eq(imports.kind, "products"),
    actor.role === "admin" && !options.ownOnly ? undefined : eq(imports.userId, actor.userId),
  );
}

// Imports a finished dry run's rows for real, without uploading the file again.
export async function commitProductDryRun(db: Db, actor: Actor, dryRunId: string): Promise<string> {
  const [dryRun] = await db
    .select({
      dryRun: imports.dryRun,
      status: imports.status,
      hasRows: sql<boolean>`${imports.rows} is not null`,
    })
    .from(imports)
    .where(importScope(actor, dryRunId, { ownOnly: true }));
  if (!dryRun) throw notFound("Import");
  if (!dryRun.dryRun) throw conflict("This import is not a dry run");
  if (dryRun.status !== "done") throw conflict("The dry run has not finished yet");
  if (!dryRun.hasRows) throw conflict("This dry run has already been imported");
  const id = randomUUID();
  await db.transaction(async (tx) => {
    // The rows are copied inside the database, not through this process.
    await tx.execute(sql`
      insert into ${imports} (workspace_id, id, user_id, kind, dry_run, file_name, file_hash, options, total, rows)
      select workspace_id, ${id}::uuid, user_id, kind, false, file_name, file_hash, options, total, rows
      from ${imports} where workspace_id = ${actor.workspaceId}::uuid and id = ${dryRunId}::uuid`);
    await tx
      .update(imports)
      .set({ rows: null })
      .where(importScope(actor, dryRunId, { ownOnly: true }));
  });
  await startJob(db, actor.workspaceId, id);
  return id;
}

const outcomeCount = (outcome: ProductImportOutcome) =>
  sql<number>`(select count(*)::int from jsonb_array_elements(coalesce(${imports.results}, '[]'::jsonb)) e
    where e ->> 'outcome' = ${outcome})`.mapWith(Number);

export async function getProductImport(
  db: DbOrTx,
  actor: Actor,
  id: string,
  query: z.infer<typeof ProductImportQuerySchema>,
): Promise<ProductImport> {
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
      updated: outcomeCount("updated"),
      unchanged: outcomeCount("unchanged"),
      errorCount: sql<number>`jsonb_array_length(${imports.errors})`.mapWith(Number),
      errors: jsonSlice(imports.errors, 0, ERRORS_SHOWN),
      results: jsonSlice(imports.results, query.offset, query.limit, query.outcome),
      hasResults: sql<boolean>`${imports.results} is not null`,
      failure: imports.failure,
      createdAt: imports.createdAt,
      finishedAt: imports.finishedAt,
    })
    .from(imports)
    .where(importScope(actor, id));
  if (!row) throw notFound("Import");
  return {
    id: row.id,
    kind: "products",
    status: row.status,
    dryRun: row.dryRun,
    fileName: row.fileName,
    columns: (row.options as ImportOptions).columns,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    errorCount: row.errorCount,
    errors: (row.errors ?? []) as { row: number; message: string }[],
    results: row.hasResults ? ((row.results ?? []) as ProductImportRowResult[]) : undefined,
    failure: row.failure,
    createdAt: iso(row.createdAt),
    finishedAt: isoOrNull(row.finishedAt),
  };
}

type ImportRecord = {
  workspaceId: string;
  id: string;
  userId: string;
  dryRun: boolean;
  fileName: string;
  options: ImportOptions;
  rows: StoredRow[];
};

async function existingBySku(db: DbOrTx, workspaceId: string, skus: string[]) {
  if (skus.length === 0) return new Map<string, ProductRow>();
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.workspaceId, workspaceId), inArray(sql`lower(${products.sku})`, skus)));
  return new Map(rows.map((row) => [row.sku.toLowerCase(), row]));
}

type Pending =
  | { kind: "create"; result: ProductImportRowResult; input: Parameters<typeof insertProduct>[2] }
  | { kind: "update"; result: ProductImportRowResult; plan: ProductPlan };

// Checks every row and, unless a dry run, creates the new products and updates the changed ones.
// Upserting by SKU makes a second run of the same file change nothing.
async function processRows(db: Db, record: ImportRecord): Promise<ProductImportRowResult[]> {
  const { workspaceId } = record;
  const writer: Writer = { workspaceId, userId: record.userId, role: record.options.role };
  const columns = usedColumns(record.options.columns);
  const costCurrency = await workspaceCurrency(db, workspaceId);
  const firstRowOf = new Map<string, number>();
  const results: ProductImportRowResult[] = [];
  for (let start = 0; start < record.rows.length; start += CHUNK_SIZE) {
    const chunk = record.rows.slice(start, start + CHUNK_SIZE);
    const parsed = chunk.map(([row, ...cells]) => ({ row, parsed: parseProductRow(columns, cells) }));
    const skus = parsed.flatMap(({ parsed: p }) => (p.ok ? [p.sku.toLowerCase()] : []));
    const existing = await existingBySku(db, workspaceId, skus);
    const prices = await pricesByProduct(
      db,
      workspaceId,
      [...existing.values()].map((row) => row.id),
    );
    const pending: Pending[] = [];
    for (const { row, parsed: p } of parsed) {
      const result: ProductImportRowResult = { row, outcome: "error", sku: p.sku };
      results.push(result);
      if (!p.ok) {
        result.message = p.message;
        continue;
      }
      const key = p.sku.toLowerCase();
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        result.message = `SKU ${p.sku} is already in row ${earlier} of this file`;
        continue;
      }
      firstRowOf.set(key, row);
      const current = existing.get(key);
      if (current) {
        const currentPrices = prices.get(current.id) ?? [];
        // A file's list price columns set those currencies and keep the product's others.
        const listPrices =
          p.listPrices.length === 0
            ? undefined
            : [
                ...pricesOf(currentPrices).listPrices.filter(
                  (price) => !p.listPrices.some((given) => given.currency === price.currency),
                ),
                ...p.listPrices,
              ];
        // The SKU is the row's key, not a value: "led-01" in a file does not recase "LED-01".
        const { sku: _key, ...fields } = p.fields;
        const plan = planUpdate(current, currentPrices, { ...fields, listPrices }, costCurrency);
        const changed = Object.keys(plan.changes);
        result.productId = current.id;
        result.outcome = changed.length > 0 ? "updated" : "unchanged";
        if (changed.length > 0) {
          result.changed = changed;
          pending.push({ kind: "update", result, plan });
        }
        continue;
      }
      const created = asNewProduct(p, columns);
      if (!created.ok) {
        result.message = created.message;
        continue;
      }
      result.outcome = "created";
      pending.push({ kind: "create", result, input: created.input });
    }
    const processed = start + chunk.length;
    await db.transaction(async (tx) => {
      if (!record.dryRun) {
        for (const item of pending) {
          if (item.kind === "create")
            item.result.productId = await insertProduct(tx, writer, item.input, costCurrency);
          else await applyUpdate(tx, writer, item.plan);
        }
      }
      await tx
        .update(imports)
        .set({ processed })
        .where(and(eq(imports.workspaceId, workspaceId), eq(imports.id, record.id)));
    });
  }
  return results;
}

function summarize(results: ProductImportRowResult[]) {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const errors: { row: number; message: string }[] = [];
  for (const result of results) {
    if (result.outcome === "error") errors.push({ row: result.row, message: result.message ?? "" });
    else counts[result.outcome] += 1;
  }
  return { ...counts, errors };
}

const recordScope = (workspaceId: string, id: string) =>
  and(eq(imports.workspaceId, workspaceId), eq(imports.id, id));

// The job. Never throws: a failure is recorded on the import, where the importer sees it. A job run
// again after its instance died simply runs again: products are upserted by SKU.
export async function runProductImport(db: Db, workspaceId: string, importId: string): Promise<void> {
  const [claimed] = await db
    .update(imports)
    .set({ status: "running" })
    .where(and(recordScope(workspaceId, importId), inArray(imports.status, ["queued", "running"])))
    .returning();
  if (!claimed) return;
  const record: ImportRecord = {
    workspaceId,
    id: importId,
    userId: claimed.userId,
    dryRun: claimed.dryRun,
    fileName: claimed.fileName,
    options: claimed.options as ImportOptions,
    rows: (claimed.rows ?? []) as StoredRow[],
  };
  const tell = (tx: DbOrTx, title: string, data?: Record<string, unknown>) =>
    notify(tx, [
      {
        workspaceId,
        userId: record.userId,
        type: "import_finished",
        title,
        entityType: "import",
        entityId: importId,
        data,
      },
    ]);
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
          errors: summary.errors,
          results,
          // A dry run keeps its rows for the commit.
          rows: record.dryRun ? undefined : null,
          finishedAt: new Date(),
        })
        .where(recordScope(workspaceId, importId));
      const counts = `${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.errors.length} errors`;
      await tell(
        tx,
        record.dryRun
          ? `Dry run of ${record.fileName}: ${counts}`
          : `Import of ${record.fileName} finished: ${counts}`,
        { dryRun: record.dryRun, ...summary, errors: summary.errors.length },
      );
      if (!record.dryRun) {
        await recordAudit(
          tx,
          { workspaceId, userId: record.userId },
          {
            action: "products.imported",
            entityType: "import",
            entityId: importId,
            changes: {
              fileName: record.fileName,
              rows: record.rows.length,
              ...summary,
              errors: summary.errors.length,
            },
          },
        );
      }
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = record.dryRun
      ? message
      : `${message}. Rows checked before the failure were imported; upload the file again to import the rest (products already as in the file are left unchanged).`;
    await db.transaction(async (tx) => {
      await tx
        .update(imports)
        .set({ status: "failed", failure, finishedAt: new Date(), rows: null })
        .where(recordScope(workspaceId, importId));
      await tell(tx, `Import of ${record.fileName} failed: ${failure}`);
    });
  }
}

export async function runProductImportJob(db: Db, job: JobRow): Promise<void> {
  const importId = job.payload.importId;
  if (!job.workspaceId || typeof importId !== "string") throw new Error("import job without an import id");
  await runProductImport(db, job.workspaceId, importId);
}
