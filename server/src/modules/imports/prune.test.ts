import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, setupWorkspace, type TestApp } from "../../../test/harness";
import { pruneImportPayloads } from "./imports.service";
import { imports } from "./imports.table";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await setupWorkspace(t.app);
});
afterAll(() => t.close());

it("drops the stored rows of imports older than a week but keeps their counts and errors", async () => {
  const me = (await t.database.db.query.users.findFirst())!;
  const [row] = await t.database.db
    .insert(imports)
    .values({
      workspaceId: me.workspaceId,
      userId: me.id,
      kind: "customers",
      fileName: "old.xlsx",
      fileHash: "x",
      options: {},
      total: 1,
      errors: [{ row: 2, message: "country: missing" }],
      rows: [{ name: "Acme" }],
      results: [{ row: 2, outcome: "error" }],
    })
    .returning();
  expect(await pruneImportPayloads(t.database.db, new Date(Date.now() + 3 * 24 * 3600 * 1000))).toBe(0);
  expect(await pruneImportPayloads(t.database.db, new Date(Date.now() + 8 * 24 * 3600 * 1000))).toBe(1);
  const [after] = await t.database.db.select().from(imports).where(eq(imports.id, row!.id));
  expect(after).toMatchObject({
    rows: null,
    results: null,
    total: 1,
    errors: [{ row: 2, message: "country: missing" }],
  });
});
