import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import type { Import } from "../../shared/schemas/imports";
import type { BenchCompany } from "../data/companies";
import { newCompanies } from "../data/load";
import type { ApiClient } from "../lib/http";
import { cycle, round } from "../lib/stats";
import type { ScenarioFactory } from "./types";

countries.registerLocale(en);

// A customer list as a sales team exports it from another CRM: mostly new companies, some already in
// Tradewind (which must be reported as duplicates), a few rows repeated within the file.
const HEADERS = ["Company", "Country", "City", "Website", "Email", "Phone", "Contact", "Title", "Industry"];
const POLL_MS = 200;
// Interactive reads sent while the import runs: their latency shows whether the import stalls others.
const READ_EVERY_MS = 100;

function row(company: BenchCompany, at: number): string[] {
  const contact = company.contacts[0];
  // Half the rows name the country, half give its code: both are what people's files contain.
  const country =
    at % 2 === 0 ? company.country : (countries.getName(company.country, "en") ?? company.country);
  return [
    company.name,
    country,
    company.city,
    company.website ?? "",
    contact?.email ?? "",
    company.phone ?? contact?.phone ?? "",
    contact?.name ?? "",
    contact?.title ?? "",
    company.trade,
  ];
}

async function workbook(rows: string[][]): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false });
  const sheet = writer.addWorksheet("Customers");
  sheet.addRow(HEADERS).commit();
  for (const cells of rows) sheet.addRow(cells).commit();
  sheet.commit();
  await writer.commit();
  return Buffer.concat(chunks);
}

async function waitForImport(client: ApiClient, id: string): Promise<Import> {
  for (;;) {
    const { body } = await client.expect<Import>(200, "GET", `/api/imports/${id}?limit=1`);
    if (body.status === "done") return body;
    if (body.status === "failed") throw new Error(`import failed: ${body.failure}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export const importCustomers: ScenarioFactory = async (dataset, settings) => {
  // Every tenth row (the fifth of each ten) is a known company, every hundredth repeats a row 50 above.
  const total = settings.importRows;
  const isKnown = (at: number) => at % 10 === 5;
  const isRepeat = (at: number) => at % 100 === 99;
  let known = 0;
  let repeats = 0;
  for (let at = 0; at < total; at++) {
    if (isKnown(at)) known += 1;
    else if (isRepeat(at)) repeats += 1;
  }
  const existing = cycle(dataset.sampled, known);
  const fresh = newCompanies(dataset, total - known - repeats);
  const rows: string[][] = [];
  for (let at = 0; at < total; at++) {
    const repeated = isRepeat(at) ? rows[at - 50] : undefined;
    const company = isKnown(at) ? existing.pop()?.company : repeated ? undefined : fresh.pop();
    const cells = repeated ?? (company ? row(company, at) : undefined);
    if (!cells) throw new Error("import file generation ran out of companies");
    rows.push(cells);
  }
  const file = { name: `customers-${settings.importRows}.xlsx`, content: await workbook(rows) };

  return {
    name: "import-100k",
    api: async ({ manager, rep }) => {
      let running = true;
      const resetsBefore = rep.resets + manager.resets;
      const readIds = dataset.repCustomerIds;
      const reads: number[] = [];
      const reader = (async () => {
        for (let at = 0; running; at++) {
          reads.push((await rep.expect(200, "GET", `/api/customers/${readIds[at % readIds.length]}`)).ms);
          await new Promise((resolve) => setTimeout(resolve, READ_EVERY_MS));
        }
      })();
      // Awaited below; until then a failed read must not end the process as an unhandled rejection.
      reader.catch(() => undefined);
      try {
        const started = performance.now();
        const { importId: dryRunId } = await manager.upload<{ importId: string }>(
          "/api/imports/customers",
          file,
          {
            dryRun: "true",
            assignTo: "pool",
          },
        );
        const dryRun = await waitForImport(manager, dryRunId);
        const dryRunMs = performance.now() - started;
        const { body } = await manager.expect<{ importId: string }>(
          202,
          "POST",
          `/api/imports/${dryRunId}/commit`,
        );
        const committed = await waitForImport(manager, body.importId);
        const totalMs = performance.now() - started;
        if (committed.created === 0) throw new Error("the import created no customers");
        const outcome = (result: Import) =>
          `${result.created} new, ${result.duplicates} duplicates, ${result.errorCount} errors`;
        return {
          latencies: reads,
          totalMs: round(totalMs),
          throughputPerSec: round((rows.length / totalMs) * 1000, 0),
          details: [
            `${rows.length} rows (${(file.content.length / 1e6).toFixed(1)} MB XLSX): upload + dry run ${(dryRunMs / 1000).toFixed(1)} s (${outcome(dryRun)}), commit ${((totalMs - dryRunMs) / 1000).toFixed(1)} s (${outcome(committed)})`,
            `p50/p95/p99 are of GET /api/customers/:id sent by a rep every ${READ_EVERY_MS} ms during the import (${reads.length} reads; connections dropped by the server and retried: ${rep.resets + manager.resets - resetsBefore})`,
          ],
        };
      } finally {
        running = false;
        await reader;
      }
    },
  };
};
