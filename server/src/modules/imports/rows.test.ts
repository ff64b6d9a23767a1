import { describe, expect, it } from "vitest";
import type { ImportField } from "../../../../shared/schemas/imports";
import { resolveColumns } from "./columns";
import { cellsByField, prepareRow, resolveCountry } from "./rows";

describe("header detection", () => {
  it("recognises common English and Chinese headers, whatever their case, spacing or notes", () => {
    const headers = [
      "Company Name",
      "*Country (ISO)",
      "E-mail",
      "Tel.",
      "Contact Person",
      "Web Site",
      "公司名称",
      "国家/地区",
      "邮箱",
      "手机",
      "联系人",
      "网址",
      "职位",
      "行业",
      "等级",
      "来源",
      "标签",
      "备注",
      "本地名称",
      "Something else",
    ];
    expect(resolveColumns(headers).map((column) => column.field)).toEqual([
      "name",
      "country",
      "email",
      "phone",
      "contactName",
      "website",
      "name",
      "country",
      "email",
      "phone",
      "contactName",
      "website",
      "title",
      "industry",
      "tier",
      "source",
      "tags",
      "notes",
      "localName",
      "ignore",
    ]);
  });

  it("takes a bare Name as the company only when no column is, and lets a mapping override", () => {
    expect(resolveColumns(["Name", "Country"])[0]?.field).toBe("name");
    expect(resolveColumns(["Company", "Name"])[1]?.field).toBe("ignore");
    const mapped = resolveColumns(["Firma", "Land", "Email"], {
      Firma: "name",
      Land: "country",
      Email: "ignore",
    });
    expect(mapped.map((column) => column.field)).toEqual(["name", "country", "ignore"]);
  });
});

describe("country names", () => {
  it.each([
    ["DE", "DE"],
    ["de", "DE"],
    ["DEU", "DE"],
    ["Germany", "DE"],
    ["德国", "DE"],
    ["USA", "US"],
    ["U.S.A.", "US"],
    ["United States of America", "US"],
    ["美国", "US"],
    ["UK", "GB"],
    ["England", "GB"],
    ["英国", "GB"],
    ["Türkiye", "TR"],
    ["Turkey", "TR"],
    ["South Korea", "KR"],
    ["韩国", "KR"],
    ["Viet Nam", "VN"],
    ["The Netherlands", "NL"],
    ["香港", "HK"],
    ["阿联酋", "AE"],
    ["Côte d'Ivoire", "CI"],
  ])("%s → %s", (text, code) => {
    expect(resolveCountry(text)).toBe(code);
  });

  it("does not guess", () => {
    for (const text of ["Atlantis", "XX", "Europe", ""]) expect(resolveCountry(text)).toBeUndefined();
  });
});

describe("preparing a row", () => {
  const columns = resolveColumns([
    "Company",
    "Country",
    "Contact",
    "Email",
    "Phone",
    "Tier",
    "Stage",
    "Source",
    "Tags",
  ]);
  const label = (field: ImportField) => columns.find((column) => column.field === field)?.header ?? field;
  const prepare = (cells: string[]) => prepareRow(7, cellsByField(columns, cells), label);

  it("normalizes lists, phones, tiers, stages and sources in English and Chinese", () => {
    const outcome = prepare([
      " Acme Trading Co., Ltd. ",
      "中国",
      "",
      "Sales@Acme.cn; li@acme.cn",
      "021 6123 4567; 138 0013 8000",
      "b级",
      "已报价",
      "阿里巴巴",
      "vip，2024、fair",
    ]);
    if (!outcome.ok) throw new Error(outcome.message);
    const { input, contact, nameNormalized } = outcome.prepared;
    expect(input).toMatchObject({
      name: "Acme Trading Co., Ltd.",
      country: "CN",
      tier: "B",
      stage: "quoted",
      source: "b2b_platform",
    });
    expect(input.tags).toEqual(["vip", "2024", "fair"]);
    expect(nameNormalized).toBe("acme trading");
    // An e-mail without a contact name still makes a contact, named by the address.
    expect(contact).toEqual({
      name: "sales@acme.cn",
      title: null,
      emails: ["sales@acme.cn", "li@acme.cn"],
      phones: ["+862161234567", "+8613800138000"],
    });
  });

  it("names every problem of a row with the file's own headers", () => {
    const outcome = prepare(["", "Narnia", "", "x@", "", "Z", "maybe", "pigeon", ""]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toContain("Company is empty");
    expect(outcome.message).toContain('Country "Narnia" is not a country name or ISO code');
    expect(outcome.message).toContain('Tier "Z" must be A, B, C or D');
    expect(outcome.message).toContain('Stage "maybe" is not a known stage');
    expect(outcome.message).toContain('Source "pigeon" is not a known source');
  });

  it("gives the same import identity to the same company however its legal form is written", () => {
    const a = prepare(["Acme Trading Co., Ltd.", "CN", "", "", "", "", "", "", ""]);
    const b = prepare(["ACME TRADING LIMITED", "China", "", "", "", "", "", "", ""]);
    const c = prepare(["Acme Trading Ltd", "HK", "", "", "", "", "", "", ""]);
    if (!a.ok || !b.ok || !c.ok) throw new Error("rows should be valid");
    expect(a.prepared.importKey).toBe(b.prepared.importKey);
    expect(a.prepared.importKey).not.toBe(c.prepared.importKey);
  });
});
