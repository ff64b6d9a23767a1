import { Readable } from "node:stream";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { ImportMapping } from "../../../../shared/schemas/imports";
import { AppError, badRequest } from "../../lib/app-error";
import { isHeaderRow } from "./columns";

// A spreadsheet read into text cells. row is the number the person sees in Excel (header = 1 for a
// file that starts with its header), so errors can point at the row to fix.
export type SheetRow = { row: number; cells: string[] };
export type Sheet = { headers: string[]; rows: SheetRow[] };

const MAX_IMPORT_ROWS = 200_000;
// A title or notes may stand above the header row; it is looked for within these first rows.
const HEADER_SEARCH_ROWS = 20;

const unsupported = (message: string) => new AppError("unsupported_media_type", message);

type FileKind = "xlsx" | "csv";

const EXTENSIONS: Record<string, FileKind> = {
  xlsx: "xlsx",
  xlsm: "xlsx",
  csv: "csv",
  tsv: "csv",
  txt: "csv",
};

// The content decides how a file is read (a .csv that is really a workbook is read as one); the
// extension only rules out files that are neither.
function fileKind(fileName: string, content: Buffer): FileKind {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (content.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw unsupported("Old Excel 97–2003 (.xls) files are not supported: save the file as .xlsx or CSV");
  }
  if (extension && !EXTENSIONS[extension]) {
    throw unsupported(
      `.${extension} files cannot be imported: upload an Excel workbook (.xlsx) or a CSV file`,
    );
  }
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return "xlsx";
  if (extension === "xlsx" || extension === "xlsm") {
    throw unsupported(
      "This file is not an Excel workbook (.xlsx): save it again from Excel or upload a CSV file",
    );
  }
  const head = content.subarray(0, 65_536);
  const utf16 = head[0] === 0xff || head[0] === 0xfe;
  if (!utf16 && head.includes(0)) {
    throw unsupported("This file is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file");
  }
  return "csv";
}

// Excel on Chinese Windows saves CSV in GB18030, "Unicode text" in UTF-16; everything else is UTF-8.
function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder("utf-16le").decode(content);
  if (content[0] === 0xfe && content[1] === 0xff) return new TextDecoder("utf-16be").decode(content);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return new TextDecoder("gb18030").decode(content);
  }
}

// The delimiter that splits the first line into the most fields, outside quotes: Excel writes ";" where
// the decimal separator is a comma, "Unicode text" uses tabs.
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, 10_000).split(/\r?\n/, 1)[0] ?? "";
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  let best = ",";
  let bestCount = 0;
  for (const candidate of [",", ";", "\t", "|"]) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function readCsv(content: Buffer): string[][] {
  const text = decodeText(content).replace(/^\uFEFF/, "");
  try {
    return parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    throw badRequest(`The CSV file could not be read: ${error instanceof Error ? error.message : error}`);
  }
}

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return cellText(value.text as CellValue);
  if ("result" in value) return cellText(value.result as CellValue);
  return "";
}

type XlsxSheetRows = AsyncIterable<{ number: number; values: CellValue[] | Record<string, CellValue> }>;

// Streams the workbook so memory holds the text of the rows, not exceljs's model of every cell. Every
// sheet is read to its end (exceljs removes its temporary files only then); rows are kept from the
// first sheet with a header row, or the first sheet's leading rows when none has one.
async function readXlsx(content: Buffer, header: HeaderRule): Promise<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let chosen: SheetRow[] | undefined;
  let firstSheet: SheetRow[] | undefined;
  try {
    for await (const worksheet of reader) {
      const rows: SheetRow[] = [];
      let keep = chosen === undefined;
      let headerFound = false;
      for await (const row of worksheet as unknown as XlsxSheetRows) {
        if (!keep) continue;
        const values = Array.isArray(row.values) ? row.values : [];
        // exceljs numbers cells from 1: values[0] is always empty.
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, at) =>
          cellText(values[at + 1]),
        );
        rows.push({ row: row.number, cells });
        if (!headerFound) {
          headerFound = header.isHeader(cells.map((cell) => cell.trim()));
          if (!headerFound && rows.length >= HEADER_SEARCH_ROWS) keep = false;
        }
        if (rows.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) throw tooManyRows();
      }
      firstSheet ??= rows;
      if (keep && headerFound) chosen = rows;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unsupported(
      `This Excel workbook could not be read (${error instanceof Error ? error.message : error}): save it again from Excel as .xlsx`,
    );
  }
  return chosen ?? firstSheet ?? [];
}

const tooManyRows = () =>
  badRequest(
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows: split it into smaller files`,
  );

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === "");

// How the header row of a kind of file is recognised, and what to say when none is found.
export type HeaderRule = { isHeader: (cells: string[]) => boolean; missing: string };

const customerHeader = (mapping: ImportMapping): HeaderRule => ({
  isHeader: (cells) => isHeaderRow(cells, mapping),
  missing:
    'No header row with a company name column was found in the first rows: name the column "Company" or "公司名称", or map a column to the name field',
});

// Reads the uploaded file into its header and data rows; refuses files it cannot read with the reason.
export async function readSheet(
  fileName: string,
  content: Buffer,
  mapping: ImportMapping = {},
  headerRule: HeaderRule = customerHeader(mapping),
): Promise<Sheet> {
  const kind = fileKind(fileName, content);
  const rows =
    kind === "xlsx"
      ? await readXlsx(content, headerRule)
      : readCsv(content).map((cells, at) => ({ row: at + 1, cells }));
  const headerAt = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex(({ cells }) => headerRule.isHeader(cells.map((cell) => cell.trim())));
  const header = rows[headerAt];
  if (!header) {
    throw badRequest(rows.some(({ cells }) => !isBlank(cells)) ? headerRule.missing : "The file has no rows");
  }
  const data = rows.slice(headerAt + 1).filter(({ cells }) => !isBlank(cells));
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  if (data.length === 0) throw badRequest("The file has a header row but no data rows");
  return {
    headers: header.cells.map((cell, at) => cell.trim() || `Column ${at + 1}`),
    rows: data,
  };
}
