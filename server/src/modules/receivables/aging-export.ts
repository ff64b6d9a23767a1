import { PassThrough } from "node:stream";
import type { DbOrTx } from "../../db/client";
import { toDec } from "../../lib/money";
import type { Viewer } from "../customers/customers.policy";
import { xlsxWriter } from "../imports/export.service";
import { agingReport } from "./receivables.service";

const HEADINGS = {
  "en-US": {
    customer: "Customer",
    owner: "Owner",
    currency: "Currency",
    buckets: ["Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days", "Total"],
    total: "Total",
    unconverted: "Not converted (no rate to",
  },
  "zh-CN": {
    customer: "客户",
    owner: "负责人",
    currency: "币种",
    buckets: ["未到期", "逾期1–30天", "逾期31–60天", "逾期61–90天", "逾期90天以上", "合计"],
    total: "合计",
    unconverted: "未折算（无汇率至",
  },
} as const;

// The aging report as a spreadsheet: the same groups, buckets and totals as the JSON report, in the
// reporting currency, amounts as numbers with two decimals so they sum in Excel.
export async function agingExport(
  db: DbOrTx,
  viewer: Viewer,
  query: { groupBy: "customer" | "owner" | "currency"; asOf?: string | undefined },
  now = new Date(),
) {
  const report = await agingReport(db, viewer, query, now);
  const words = HEADINGS[viewer.locale];
  const stream = new PassThrough();
  const writer = xlsxWriter(stream, "Aging", { numberFormat: "#,##0.00" });
  const amounts = (row: (typeof report.groups)[number]) =>
    [row.current, row.d1_30, row.d31_60, row.d61_90, row.over90, row.total].map(Number);
  const written = (async () => {
    await writer.write([
      `${words[query.groupBy]} (${report.reportingCurrency}, ${report.asOf})`,
      ...words.buckets,
    ]);
    for (const group of report.groups) await writer.write([group.label, ...amounts(group)]);
    const columns = (["current", "d1_30", "d31_60", "d61_90", "over90", "total"] as const).map((key) =>
      report.groups.reduce((sum, group) => sum.plus(group[key]), toDec(0)),
    );
    await writer.write([words.total, ...columns.map((value) => value.toNumber())]);
    if (report.unconverted.length > 0) {
      await writer.write([]);
      for (const item of report.unconverted) {
        await writer.write([
          `${words.unconverted} ${report.reportingCurrency}) ${item.currency}`,
          Number(item.outstanding),
        ]);
      }
    }
    await writer.end();
  })();
  written.catch((error: unknown) =>
    stream.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return {
    stream,
    fileName: `aging-${query.groupBy}-${report.asOf}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}
