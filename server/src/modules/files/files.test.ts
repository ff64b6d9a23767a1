import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestApp, type TestApp } from "../../../test/harness";
import { loadConfig } from "../../config";
import { ok, setupTrade, type TradeWorld } from "../quotations/trade-fixtures";
import { confirmedOrder } from "../shipments/logistics-fixtures";

// Above the JSON body limit (1 MB), which must not apply to uploads.
const MAX_BYTES = 2 * 1024 * 1024;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-files-test-"));

let t: TestApp;
let w: TradeWorld;
let shipmentId: string;

beforeAll(async () => {
  t = await createTestApp({ filesDir, maxFileBytes: MAX_BYTES });
  w = await setupTrade(t.app);
  const order = await confirmedOrder(w);
  const [mug] = order.lines;
  if (!mug) throw new Error("the order has lines");
  const shipment = await ok(
    w.logistics.post(`/api/orders/${order.id}/shipments`, {
      lines: [{ orderLineId: mug.id, quantity: 100 }],
      mode: "sea_fcl",
    }),
  );
  shipmentId = shipment.id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGNQSFgARwzEcQDMQxIBsLSc1wAAAABJRU5ErkJggg==",
  "base64",
);

type Part =
  | { name: string; value: string }
  | { name: string; fileName: string; content: Buffer; contentType?: string };

function multipart(parts: Part[]) {
  const boundary = "----tradewind-files-test";
  const chunks = parts.flatMap((part) =>
    "value" in part
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
          ),
        ]
      : [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.contentType ?? "application/pdf"}\r\n\r\n`,
          ),
          part.content,
          Buffer.from("\r\n"),
        ],
  );
  return {
    body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(client: Client, parts: Part[], id = shipmentId) {
  return client.request("POST", `/api/shipments/${id}/files`, multipart(parts));
}

const file = (content: Buffer, fileName: string, contentType?: string): Part => ({
  name: "file",
  fileName,
  content,
  ...(contentType ? { contentType } : {}),
});
const kind = (value: string): Part => ({ name: "kind", value });

// Everything under the files folder, as paths relative to it.
function stored(): string[] {
  return (fs.readdirSync(filesDir, { recursive: true }) as string[]).filter((entry) =>
    fs.statSync(path.join(filesDir, entry)).isFile(),
  );
}

describe("files on a shipment", () => {
  it("uploads, lists and downloads a B/L copy byte for byte, as an attachment", async () => {
    const response = await upload(w.logistics, [kind("bill_of_lading"), file(PDF, "B-L NGB123.pdf")]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      shipmentId,
      kind: "bill_of_lading",
      fileName: "B-L NGB123.pdf",
      contentType: "application/pdf",
      size: PDF.length,
      uploadedByName: "Lia Logistics",
    });
    const id = response.body.id;

    // The order's owner and finance see it; so does the list.
    for (const client of [w.repA, w.finance, w.admin]) {
      const list = await ok(client.get(`/api/shipments/${shipmentId}/files`), 200);
      expect(list.items.map((item: { id: string }) => item.id)).toContain(id);
    }
    const download = await w.repA.get(`/api/files/${id}`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="B-L NGB123.pdf"; filename*=UTF-8''B-L%20NGB123.pdf`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");

    // Stored under a generated name, never the user's.
    expect(stored()).toContainEqual(expect.stringMatching(new RegExp(`${id}$`)));
    expect(stored().some((entry) => entry.includes("NGB123"))).toBe(false);

    const audit = await ok(w.admin.get(`/api/audit?entityType=shipment&entityId=${shipmentId}`), 200);
    expect(audit.items.map((entry: { action: string }) => entry.action)).toContain("shipment.file_uploaded");
  });

  it("accepts the kind before or after the file and keeps Chinese names in filename*", async () => {
    const response = await upload(w.logistics, [file(PNG, "装柜照片.png", "image/png"), kind("photo")]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: "photo",
      fileName: "装柜照片.png",
      contentType: "image/png",
    });
    const download = await w.logistics.get(`/api/files/${response.body.id}`);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent("装柜照片.png")}`,
    );
  });

  it("recognises a spreadsheet inside its zip container", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Weights").addRow(["MUG-500", 21.6]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(w.logistics, [
      kind("other"),
      file(xlsx, "weights", "application/octet-stream"),
    ]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      fileName: "weights.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });

  it("refuses a type outside the list, whatever the name and declared type say", async () => {
    const before = stored();
    const gif = await upload(w.logistics, [
      kind("photo"),
      file(Buffer.from("GIF89a\x01\x00\x01\x00"), "photo.png", "image/png"),
    ]);
    expect(gif.status).toBe(415);
    expect(gif.body.error.message).toContain("PDF, JPEG, PNG, WebP, XLSX, DOCX");
    expect(gif.body.error.message).toContain("GIF");
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]);
    expect((await upload(w.logistics, [kind("other"), file(exe, "invoice.pdf")])).status).toBe(415);
    expect(stored()).toEqual(before);
  });

  it("refuses HTML disguised as a PDF, and serves a PDF that contains HTML only as a PDF download", async () => {
    const html = Buffer.from("<html><body><script>alert(document.cookie)</script></body></html>");
    const disguised = await upload(w.logistics, [kind("other"), file(html, "x.pdf", "application/pdf")]);
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.message).toContain("not recognised");

    const polyglot = Buffer.concat([PDF, html]);
    const accepted = await upload(w.logistics, [kind("other"), file(polyglot, "page.html", "text/html")]);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ contentType: "application/pdf", fileName: "page.html.pdf" });
    const download = await w.logistics.get(`/api/files/${accepted.body.id}`);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(download.headers["content-security-policy"]).toContain("sandbox");
  });

  it("refuses a file over the size limit and keeps nothing of it", async () => {
    const before = stored();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    const response = await upload(w.logistics, [kind("other"), file(big, "big.pdf")]);
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe("The file must be at most 2 MB");
    expect(stored()).toEqual(before);
    // Exactly at the limit passes, though it is larger than the JSON body limit.
    const fits = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES - PDF.length)]);
    expect((await upload(w.logistics, [kind("other"), file(fits, "fits.pdf")])).status).toBe(201);
  });

  it("keeps path-like names as a plain name and never writes outside the folder", async () => {
    const before = new Set(stored());
    const names = ["../../x.pdf", "..\\..\\..\\windows\\y.pdf", "/etc/passwd", "..", "a\tb.pdf"];
    const saved: string[] = [];
    for (const name of names) {
      const response = await upload(w.logistics, [kind("other"), file(PDF, name)]);
      expect(response.status, name).toBe(201);
      saved.push(response.body.fileName);
    }
    expect(saved).toEqual(["x.pdf", "y.pdf", "passwd.pdf", "other.pdf", "a_b.pdf"]);
    const added = stored().filter((entry) => !before.has(entry));
    expect(added).toHaveLength(names.length);
    for (const entry of added) expect(entry).toMatch(/^[0-9a-f-]{36}[/\\][0-9a-f-]{36}$/);
    expect(fs.existsSync(path.resolve(filesDir, "../../x.pdf"))).toBe(false);
    expect(fs.existsSync(path.resolve(filesDir, "..", "x.pdf"))).toBe(false);
  });

  it("explains what is missing or wrong in the form", async () => {
    const noKind = await upload(w.logistics, [file(PDF, "a.pdf")]);
    expect(noKind.status).toBe(400);
    expect(noKind.body.error.details.issues[0].path).toBe("kind");
    const badKind = await upload(w.logistics, [kind("passport"), file(PDF, "a.pdf")]);
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toContain("bill_of_lading");
    const noFile = await upload(w.logistics, [kind("other")]);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toContain('field "file"');
    const empty = await upload(w.logistics, [kind("other"), file(Buffer.alloc(0), "a.pdf")]);
    expect(empty.status).toBe(400);
    const two = await upload(w.logistics, [kind("other"), file(PDF, "a.pdf"), file(PDF, "b.pdf")]);
    expect(two.status).toBe(400);
    expect(two.body.error.message).toContain("one file");
    const wrongField = await upload(w.logistics, [kind("other"), { ...file(PDF, "a.pdf"), name: "upload" }]);
    expect(wrongField.status).toBe(400);
    const json = await w.logistics.post(`/api/shipments/${shipmentId}/files`, { kind: "other" });
    expect(json.status).toBe(415);
  });

  it("hides a shipment's files from whoever cannot see its order", async () => {
    const response = await upload(w.logistics, [kind("insurance_certificate"), file(PDF, "policy.pdf")]);
    const id = response.body.id;
    // Bruno (another team) and Arno (same team, not the owner) do not see Anna's order.
    for (const outsider of [w.repB, w.repA2, w.managerB]) {
      expect((await outsider.get(`/api/shipments/${shipmentId}/files`)).status).toBe(404);
      expect((await outsider.get(`/api/files/${id}`)).status).toBe(404);
      expect((await outsider.delete(`/api/files/${id}`)).status).toBe(404);
    }
    // Only shipments.write uploads: the owner may read but not add.
    expect((await upload(w.repA, [kind("other"), file(PDF, "a.pdf")])).status).toBe(403);
    // A shipment nobody has is a 404, not a refusal of the file.
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await upload(w.logistics, [kind("other"), file(PDF, "a.pdf")], unknown)).status).toBe(404);
    expect((await w.logistics.get(`/api/files/${unknown}`)).status).toBe(404);
  });

  it("lets the uploader, logistics or an admin remove a file, with its bytes", async () => {
    const response = await upload(w.logistics, [kind("certificate_of_origin"), file(PDF, "co.pdf")]);
    const id = response.body.id;
    const denied = await w.repA.delete(`/api/files/${id}`);
    expect(denied.status).toBe(403);
    expect(stored().some((entry) => entry.endsWith(id))).toBe(true);
    expect((await w.admin.delete(`/api/files/${id}`)).status).toBe(204);
    expect(stored().some((entry) => entry.endsWith(id))).toBe(false);
    expect((await w.logistics.get(`/api/files/${id}`)).status).toBe(404);
    const audit = await ok(w.admin.get(`/api/audit?entityType=shipment&entityId=${shipmentId}`), 200);
    expect(audit.items.map((entry: { action: string }) => entry.action)).toContain("shipment.file_deleted");
  });

  it("leaves neither the row nor the file when saving fails, before or at commit", async () => {
    const db = t.database.db;
    await db.execute(
      sql.raw(`create function refuse_file() returns trigger language plpgsql as
        $$ begin raise exception 'refused by test'; end $$`),
    );
    const countFiles = async () =>
      (await ok(w.logistics.get(`/api/shipments/${shipmentId}/files`), 200)).items.length as number;
    const before = { rows: await countFiles(), stored: stored() };
    try {
      await db.execute(
        sql.raw(
          "create trigger refuse_insert before insert on files for each row execute function refuse_file()",
        ),
      );
      expect((await upload(w.logistics, [kind("other"), file(PDF, "a.pdf")])).status).toBe(500);
      expect({ rows: await countFiles(), stored: stored() }).toEqual(before);
      await db.execute(sql.raw("drop trigger refuse_insert on files"));

      // A deferred trigger fails the commit, after the file was already moved into place.
      await db.execute(
        sql.raw(`create constraint trigger refuse_commit after insert on files
          deferrable initially deferred for each row execute function refuse_file()`),
      );
      expect((await upload(w.logistics, [kind("other"), file(PDF, "b.pdf")])).status).toBe(500);
      expect({ rows: await countFiles(), stored: stored() }).toEqual(before);
    } finally {
      await db.execute(sql.raw("drop trigger if exists refuse_insert on files"));
      await db.execute(sql.raw("drop trigger if exists refuse_commit on files"));
      await db.execute(sql.raw("drop function refuse_file()"));
    }
    expect((await upload(w.logistics, [kind("other"), file(PDF, "c.pdf")])).status).toBe(201);
  });
});

describe("the files folder setting", () => {
  it("defaults to files inside the data folder, also on PostgreSQL, and can be moved", () => {
    const postgres = loadConfig({ DATABASE_URL: "postgres://db/tw", TRADEWIND_DATA_DIR: "/srv/tw" });
    expect(postgres.filesDir).toBe(path.resolve("/srv/tw/files"));
    expect(postgres.maxFileBytes).toBe(20 * 1024 * 1024);
    const shared = loadConfig({ TRADEWIND_FILES_DIR: "/mnt/share/tw", TRADEWIND_MAX_FILE_BYTES: "5000000" });
    expect(shared).toMatchObject({ filesDir: path.resolve("/mnt/share/tw"), maxFileBytes: 5_000_000 });
    expect(() => loadConfig({ TRADEWIND_MAX_FILE_BYTES: "ten" })).toThrow(/TRADEWIND_MAX_FILE_BYTES/);
  });
});
