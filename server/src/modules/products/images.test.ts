import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";

let t: TestApp;
let manager: Client;
let rep: Client;
let productId: string;

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const WEBP = Buffer.concat([
  Buffer.from("RIFF"),
  Buffer.from([0x24, 0, 0, 0]),
  Buffer.from("WEBPVP8 "),
  randomBytes(32),
]);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await setupWorkspace(t.app);
  manager = (await createUserAndSignIn(admin, { role: "manager" })).client;
  rep = (await createUserAndSignIn(admin, { role: "sales" })).client;
  const product = await manager.post("/api/products", {
    sku: "IMG-1",
    name: "Pictured",
    unit: "pcs",
    listPrices: [],
  });
  productId = product.body.id;
});
afterAll(() => t.close());

function upload(
  client: Client,
  fileName: string,
  content: Buffer,
  contentType = "application/octet-stream",
  id = productId,
) {
  const boundary = `----tradewind${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.post(`/api/products/${id}/images`, body, {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
}

describe("product images", () => {
  it("judges the type by the bytes: a PNG named .exe is a PNG, served inline with nosniff", async () => {
    const response = await upload(manager, "setup.exe", PNG, "application/x-msdownload");
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ contentType: "image/png", byteSize: PNG.length });
    const image = await rep.get(response.body.url);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.headers["content-disposition"]).toBe("inline");
    expect(image.headers["x-content-type-options"]).toBe("nosniff");
    expect(image.raw.rawPayload.equals(PNG)).toBe(true);
    expect((await rep.get(`/api/products/${productId}`)).body.images).toEqual([
      expect.objectContaining({ id: response.body.id, url: response.body.url }),
    ]);
  });

  it("accepts JPEG and WebP", async () => {
    expect((await upload(manager, "a.jpg", JPEG)).body.contentType).toBe("image/jpeg");
    expect((await upload(manager, "b.webp", WEBP)).body.contentType).toBe("image/webp");
  });

  it("refuses HTML, SVG and PDF even when named and typed as an image", async () => {
    const disguised = [
      Buffer.from("<!doctype html><script>alert(document.cookie)</script>"),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from("%PDF-1.7\n"),
    ];
    for (const content of disguised) {
      const response = await upload(manager, "photo.png", content, "image/png");
      expect(response.status).toBe(415);
      expect(response.body.error.code).toBe("unsupported_media_type");
    }
  });

  it("refuses images over 5 MB, empty uploads and non-multipart bodies", async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload(manager, "big.png", big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toContain("5 MB");
    expect((await manager.post(`/api/products/${productId}/images`, { image: "base64..." })).status).toBe(
      415,
    );
    expect((await upload(manager, "empty.png", Buffer.alloc(0))).status).toBe(415);
  });

  it("lets only product writers add or delete images, and 404s unknown ones", async () => {
    expect((await upload(rep, "rep.png", PNG)).status).toBe(403);
    expect(
      (await upload(manager, "x.png", PNG, "image/png", "00000000-0000-4000-8000-000000000000")).status,
    ).toBe(404);
    const created = (await upload(manager, "gone.png", PNG)).body;
    expect((await rep.delete(created.url)).status).toBe(403);
    expect((await manager.delete(created.url)).status).toBe(204);
    expect((await rep.get(created.url)).status).toBe(404);
    expect((await manager.delete(created.url)).status).toBe(404);
  });
});
