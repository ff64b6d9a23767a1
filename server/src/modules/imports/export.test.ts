import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";
import { drainJobs } from "../../jobs/queue";
import { jobHandlers } from "../../jobs/registry";
import { safeCell } from "./export.service";

let t: TestApp;
let admin: Client;
let repA: Client;
let repB: Client;
let logistics: Client;

const formulaName = '=HYPERLINK("http://evil.example","Click") Trading';

beforeAll(async () => {
  t = await createTestApp();
  admin = await setupWorkspace(t.app);
  repA = (await createUserAndSignIn(admin, { role: "sales", name: "Anna Rep" })).client;
  repB = (await createUserAndSignIn(admin, { role: "sales", name: "Bruno Rep" })).client;
  logistics = (await createUserAndSignIn(admin, { role: "logistics" })).client;
  const created = [
    await repA.post("/api/customers", {
      name: formulaName,
      country: "DE",
      notes: "+49 call before noon",
      tags: ["-sale", "@trade"],
      contacts: [{ name: "@Jens Ohm", email: "jens@formula-trading.de", title: "-Buyer" }],
    }),
    await repA.post("/api/customers", {
      name: "Roundtrip Foods Ltd",
      country: "GB",
      website: "roundtrip-foods.co.uk",
      tier: "A",
      source: "referral",
      tags: ["roundtrip"],
      contacts: [{ name: "Rita Round", email: "rita@roundtrip-foods.co.uk", phone: "+44 20 7946 0018" }],
    }),
    await repB.post("/api/customers", {
      name: "Secretive Holdings SA",
      country: "CH",
      notes: "private note of Bruno",
      contacts: [{ name: "Sven Secret", email: "sven@secretive-holdings.ch", phone: "+41 44 668 1800" }],
    }),
  ];
  for (const response of created) expect(response.status, JSON.stringify(response.body)).toBe(201);
});
afterAll(() => t.close());

// Runs the queued jobs as a server's worker would. The clock is a second ahead because the queue
// compares run_at (microseconds, set by the database) with a JavaScript date (milliseconds): a job
// enqueued within the same millisecond would otherwise wait for the next poll.
const runJobs = () => drainJobs(t.database.db, jobHandlers, () => new Date(Date.now() + 1000));

async function exportFile(client: Client, query: string) {
  const response = await client.get(`/api/customers/export?${query}`);
  expect(response.status, String(response.body)).toBe(200);
  return { headers: response.headers, content: response.raw.rawPayload };
}

function parseCsv(content: Buffer): string[][] {
  const text = content.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  // Minimal reader for the test: quoted fields may hold commas and doubled quotes.
  for (const line of text.slice(1).split("\r\n").filter(Boolean)) {
    const cells: string[] = [];
    const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (let match = pattern.exec(line); match && match.index < line.length; match = pattern.exec(line)) {
      const raw = match[1] ?? "";
      cells.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
      if (match[2] === "") break;
    }
    rows.push(cells);
  }
  return rows;
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push(values.map((value) => (value === null || value === undefined ? "" : String(value))));
  });
  return rows;
}

const rowOf = (rows: string[][], name: string) => {
  const header = rows[0] ?? [];
  const row = rows.find((cells) => cells[0] === name);
  expect(row, name).toBeDefined();
  return Object.fromEntries(header.map((column, at) => [column, row?.[at] ?? ""]));
};

describe("exporting the customer list", () => {
  it("escapes formula cells in CSV and names the file as an attachment", async () => {
    const { headers, content } = await exportFile(repA, "format=csv&scope=mine");
    expect(headers["content-type"]).toContain("text/csv");
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="customers-\d{8}-\d{4}\.csv"$/);
    const rows = parseCsv(content);
    expect(rows[0]?.slice(0, 3)).toEqual(["Company name", "Local name", "Country"]);
    expect(rows).toHaveLength(3);
    const formula = rowOf(rows, `'${formulaName}`);
    expect(formula).toMatchObject({
      Notes: "'+49 call before noon",
      Contact: "'@Jens Ohm",
      Title: "'-Buyer",
      Tags: "'-sale, @trade",
      Email: "jens@formula-trading.de",
      Owner: "Anna Rep",
    });
  });

  it("escapes formula cells in XLSX too", async () => {
    const { headers, content } = await exportFile(repA, "format=xlsx&scope=mine&sort=name");
    expect(headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(headers["content-disposition"]).toMatch(/filename="customers-.*\.xlsx"/);
    const rows = await readXlsx(content);
    expect(rows).toHaveLength(3);
    const formula = rowOf(rows, `'${formulaName}`);
    expect(formula.Notes).toBe("'+49 call before noon");
    expect(formula.Contact).toBe("'@Jens Ohm");
    expect(rowOf(rows, "Roundtrip Foods Ltd")).toMatchObject({ Phone: "'+442079460018", Tier: "A" });
  });

  it("exports a colleague's private customer only as its card", async () => {
    const { content } = await exportFile(repA, "format=csv");
    const text = content.toString("utf8");
    expect(text).not.toContain("sven@secretive-holdings.ch");
    expect(text).not.toContain("Sven Secret");
    expect(text).not.toContain("private note");
    expect(text).not.toContain("446681800");
    const card = rowOf(parseCsv(content), "Secretive Holdings SA");
    expect(card).toMatchObject({
      Country: "CH",
      Owner: "Bruno Rep",
      Tier: "C",
      Stage: "new",
      Email: "",
      Notes: "",
    });
    // The owner exports it in full.
    const own = await exportFile(repB, "format=csv&scope=mine");
    expect(own.content.toString("utf8")).toContain("sven@secretive-holdings.ch");
  });

  it("applies the list filters and the export permission", async () => {
    const rows = parseCsv((await exportFile(repA, "format=csv&tag=roundtrip")).content);
    expect(rows.map((row) => row[0])).toEqual(["Company name", "Roundtrip Foods Ltd"]);
    expect((await logistics.get("/api/customers/export?format=csv")).status).toBe(403);
    expect((await repA.get("/api/customers/export?format=pdf")).status).toBe(400);
    const audit = (await admin.get("/api/audit?entityType=customer")).body.items;
    expect(audit.some((entry: { action: string }) => entry.action === "customers.exported")).toBe(true);
  });

  it("writes a file the import reads back as the same customers", async () => {
    const { content } = await exportFile(repA, "format=xlsx&tag=roundtrip");
    const boundary = "----tradewind-roundtrip";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\ntrue\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="export.xlsx"\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const accepted = await repA.post("/api/imports/customers", body, {
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(accepted.status).toBe(202);
    await runJobs();
    const result = (await repA.get(`/api/imports/${accepted.body.importId}`)).body;
    expect(result).toMatchObject({ status: "done", total: 1, created: 0, duplicates: 1, errorCount: 0 });
  });

  it("escapes exactly the characters spreadsheets treat as formulas", () => {
    for (const risky of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(safeCell(risky)).toBe(`'${risky}`);
    for (const plain of ["Acme", "1+1", " =x", "a=b", ""]) expect(safeCell(plain)).toBe(plain);
  });
});
