import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

// One renderer for every commercial document (quotation, proforma invoice, commercial invoice and
// packing list): letterhead, title, parties and facts, a lines table, totals, then text
// sections. Text is set in Noto Sans SC (shipped by an npm package, so no system fonts are needed),
// which covers Latin and Chinese; pdfkit embeds only the glyphs used.

export type Letterhead = {
  name: string;
  localName: string | null;
  addressLines: string[];
  contactLine: string | null;
  logo: Buffer | null;
};

export type Column = { header: string; width: number; align?: "left" | "right" | "center" };
export type Cell = string | { text: string; sub?: string | null };

export type DocumentModel = {
  title: string;
  letterhead: Letterhead;
  // Left: who the document is for; right: number, dates and the like.
  party: { label: string; lines: string[] };
  facts: [string, string][];
  terms: [string, string][];
  columns: Column[];
  rows: Cell[][];
  // Column sums printed in bold under the rows (the packing list's cartons, weights and volume).
  columnTotals?: Cell[];
  totals: { label: string; value: string; strong?: boolean }[];
  sections: { heading: string; lines: string[] }[];
  signatures?: string[];
  metadata: { title: string; subject: string };
};

// Static TrueType files: fontkit subsets glyf outlines in a few milliseconds, where the CFF
// (OpenType) cuts of the same font take hundreds.
const require = createRequire(import.meta.url);
const fontFile = (weight: string) =>
  require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fonts ??= {
    regular: fs.readFileSync(fontFile("400Regular")),
    bold: fs.readFileSync(fontFile("700Bold")),
  };
  return fonts;
}

const MARGIN = 40;
const PAGE = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN - 20;
const GREY = "#555555";
const RULE = "#999999";
const CELL_PAD = 4;

const cellText = (cell: Cell) =>
  typeof cell === "string" ? { text: cell, sub: null } : { sub: null, ...cell };

export function renderDocument(model: DocumentModel): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: model.metadata.title, Subject: model.metadata.subject, Producer: "Tradewind" },
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  letterhead(doc, model.letterhead);
  doc
    .font("bold")
    .fontSize(16)
    .fillColor("black")
    .text(model.title, MARGIN, doc.y + 8, {
      width: CONTENT_WIDTH,
      align: "center",
    });
  doc.moveDown(0.6);
  header(doc, model);
  table(doc, model.columns, model.rows, model.columnTotals);
  totals(doc, model.totals);
  for (const section of model.sections) textSection(doc, section);
  if (model.signatures) signatures(doc, model.signatures);
  pageNumbers(doc, model.title);
  doc.end();
  return done;
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function letterhead(doc: PDFKit.PDFDocument, head: Letterhead): void {
  const top = MARGIN;
  let textX = MARGIN;
  if (head.logo) {
    try {
      doc.image(head.logo, MARGIN, top, { fit: [110, 55] });
      textX = MARGIN + 120;
    } catch {
      // An unreadable logo must not stop the document; it is printed without one.
    }
  }
  const width = PAGE.width - MARGIN - textX;
  doc.font("bold").fontSize(13).fillColor("black").text(head.name, textX, top, { width });
  doc.font("regular").fontSize(8.5).fillColor(GREY);
  if (head.localName) doc.text(head.localName, { width });
  for (const line of head.addressLines) doc.text(line, { width });
  if (head.contactLine) doc.text(head.contactLine, { width });
  const bottom = Math.max(doc.y, head.logo ? top + 58 : doc.y) + 6;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(PAGE.width - MARGIN, bottom)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y = bottom + 4;
}

function labelled(
  doc: PDFKit.PDFDocument,
  pairs: [string, string][],
  x: number,
  width: number,
  labelWidth: number,
) {
  for (const [label, value] of pairs) {
    const y = doc.y;
    doc.font("bold").fontSize(8.5).fillColor(GREY).text(label, x, y, { width: labelWidth });
    doc
      .font("regular")
      .fontSize(9)
      .fillColor("black")
      .text(value, x + labelWidth, y, { width: width - labelWidth });
    doc.y = Math.max(doc.y, y + 12) + 1;
  }
}

function header(doc: PDFKit.PDFDocument, model: DocumentModel): void {
  const top = doc.y;
  const half = CONTENT_WIDTH / 2 - 10;
  doc.font("bold").fontSize(8.5).fillColor(GREY).text(model.party.label, MARGIN, top, { width: half });
  doc.font("regular").fontSize(9.5).fillColor("black");
  for (const line of model.party.lines) doc.text(line, MARGIN, doc.y, { width: half });
  const leftBottom = doc.y;
  doc.y = top;
  labelled(doc, model.facts, MARGIN + half + 20, half, 80);
  doc.y = Math.max(leftBottom, doc.y) + 8;
  labelled(doc, model.terms, MARGIN, CONTENT_WIDTH, 110);
  doc.y += 6;
}

function rowHeight(doc: PDFKit.PDFDocument, columns: Column[], cells: Cell[]): number {
  return Math.max(
    ...columns.map((column, index) => {
      const { text, sub } = cellText(cells[index] ?? "");
      const width = column.width - 2 * CELL_PAD;
      doc.font("regular").fontSize(8.5);
      let height = doc.heightOfString(text || " ", { width });
      if (sub) height += doc.fontSize(7.5).heightOfString(sub, { width });
      return height;
    }),
  );
}

function tableHeader(doc: PDFKit.PDFDocument, columns: Column[]): void {
  const y = doc.y;
  doc.rect(MARGIN, y, CONTENT_WIDTH, 16).fill("#eeeeee");
  let x = MARGIN;
  for (const column of columns) {
    doc
      .font("bold")
      .fontSize(8)
      .fillColor("black")
      .text(column.header, x + CELL_PAD, y + 4, {
        width: column.width - 2 * CELL_PAD,
        align: column.align ?? "left",
      });
    x += column.width;
  }
  doc.y = y + 18;
}

function table(doc: PDFKit.PDFDocument, columns: Column[], rows: Cell[][], columnTotals?: Cell[]): void {
  ensureSpace(doc, 40);
  tableHeader(doc, columns);
  const all = columnTotals ? [...rows, columnTotals] : rows;
  all.forEach((cells, rowIndex) => {
    const font = columnTotals && rowIndex === rows.length ? "bold" : "regular";
    const height = rowHeight(doc, columns, cells) + 2 * CELL_PAD;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      tableHeader(doc, columns);
    }
    const y = doc.y;
    let x = MARGIN;
    columns.forEach((column, index) => {
      const { text, sub } = cellText(cells[index] ?? "");
      const options = { width: column.width - 2 * CELL_PAD, align: column.align ?? "left" } as const;
      doc
        .font(font)
        .fontSize(8.5)
        .fillColor("black")
        .text(text, x + CELL_PAD, y + CELL_PAD, options);
      if (sub) doc.fontSize(7.5).fillColor(GREY).text(sub, options);
      x += column.width;
    });
    doc.y = y + height;
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + CONTENT_WIDTH, doc.y)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
  });
  doc.y += 6;
}

function totals(doc: PDFKit.PDFDocument, lines: DocumentModel["totals"]): void {
  ensureSpace(doc, lines.length * 14 + 10);
  const labelX = MARGIN + CONTENT_WIDTH - 260;
  for (const line of lines) {
    const y = doc.y;
    const font = line.strong ? "bold" : "regular";
    const size = line.strong ? 10.5 : 9;
    doc
      .font(font)
      .fontSize(size)
      .fillColor("black")
      .text(line.label, labelX, y, { width: 130, align: "right" });
    doc
      .font(font)
      .fontSize(size)
      .text(line.value, labelX + 130, y, { width: 130 - CELL_PAD, align: "right" });
    doc.y = Math.max(doc.y, y + 13);
  }
  doc.y += 8;
}

function textSection(doc: PDFKit.PDFDocument, section: { heading: string; lines: string[] }): void {
  if (section.lines.length === 0) return;
  ensureSpace(doc, 30);
  doc
    .font("bold")
    .fontSize(9)
    .fillColor("black")
    .text(section.heading, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.font("regular").fontSize(8.5).fillColor("black");
  for (const line of section.lines) doc.text(line, MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.y += 8;
}

function signatures(doc: PDFKit.PDFDocument, labels: string[]): void {
  ensureSpace(doc, 70);
  const y = doc.y + 40;
  const width = CONTENT_WIDTH / labels.length;
  labels.forEach((label, index) => {
    const x = MARGIN + index * width;
    doc
      .moveTo(x, y)
      .lineTo(x + width - 30, y)
      .lineWidth(0.6)
      .strokeColor("black")
      .stroke();
    doc
      .font("regular")
      .fontSize(8.5)
      .fillColor(GREY)
      .text(label, x, y + 4, { width: width - 30 });
  });
  doc.y = y + 20;
}

function pageNumbers(doc: PDFKit.PDFDocument, title: string): void {
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    // Writing below the bottom margin would make pdfkit open a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(7.5)
      .fillColor(GREY)
      .text(`${title} · page ${index + 1} of ${range.count}`, MARGIN, PAGE.height - MARGIN + 8, {
        width: CONTENT_WIDTH,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
