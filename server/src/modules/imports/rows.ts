import { createHash } from "node:crypto";
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import zh from "i18n-iso-countries/langs/zh.json" with { type: "json" };
import {
  type CreateCustomerInput,
  CreateCustomerInputSchema,
  type CustomerSource,
  type CustomerStage,
} from "../../../../shared/schemas/customers";
import type { ImportColumn, ImportField } from "../../../../shared/schemas/imports";
import { exactMatchKeys, type MatchKey } from "../dedupe/dedupe.service";
import { normalizeCompanyName, toE164 } from "../dedupe/normalize";

countries.registerLocale(en);
countries.registerLocale(zh);

// Case, accents, spaces and punctuation folded, so "U.S.A.", "usa" and "United-States" compare equal.
function lookupKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[\s.,'’()\-_/&]+/g, "");
}

// Names people write that i18n-iso-countries does not list.
const COUNTRY_ALIASES: Record<string, string> = {
  england: "GB",
  scotland: "GB",
  wales: "GB",
  northernireland: "GB",
  britain: "GB",
  holland: "NL",
  korea: "KR",
  vietnam: "VN",
  ivorycoast: "CI",
  台湾: "TW",
  中国台湾: "TW",
  中国香港: "HK",
  澳门: "MO",
  中国澳门: "MO",
  阿拉伯联合酋长国: "AE",
  南韩: "KR",
};

const COUNTRY_BY_NAME = new Map<string, string>(Object.entries(COUNTRY_ALIASES));
for (const lang of ["en", "zh"]) {
  for (const [code, names] of Object.entries(countries.getNames(lang, { select: "all" }))) {
    for (const name of names)
      if (!COUNTRY_BY_NAME.has(lookupKey(name))) COUNTRY_BY_NAME.set(lookupKey(name), code);
  }
}

// ISO alpha-2 or alpha-3 codes, and English or Chinese country names.
export function resolveCountry(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  if (code.length === 2 && countries.isValid(code)) return code;
  if (code.length === 3) {
    const alpha2 = countries.alpha3ToAlpha2(code);
    if (alpha2) return alpha2;
  }
  return COUNTRY_BY_NAME.get(lookupKey(text));
}

const STAGE_BY_NAME = new Map<string, CustomerStage>(
  Object.entries({
    new: "new",
    lead: "new",
    新客户: "new",
    新建: "new",
    潜在客户: "new",
    contacted: "contacted",
    已联系: "contacted",
    联系中: "contacted",
    跟进中: "contacted",
    quoted: "quoted",
    quotation: "quoted",
    已报价: "quoted",
    报价: "quoted",
    sampled: "sampled",
    samplesent: "sampled",
    sample: "sampled",
    已寄样: "sampled",
    寄样: "sampled",
    样品: "sampled",
    ordered: "ordered",
    order: "ordered",
    已下单: "ordered",
    成交: "ordered",
    已成交: "ordered",
    repeat: "repeat",
    repeatorder: "repeat",
    复购: "repeat",
    返单: "repeat",
    lost: "lost",
    流失: "lost",
    已流失: "lost",
    丢失: "lost",
  }) as [string, CustomerStage][],
);

const SOURCE_BY_NAME = new Map<string, CustomerSource>(
  Object.entries({
    tradeshow: "trade_show",
    exhibition: "trade_show",
    fair: "trade_show",
    expo: "trade_show",
    展会: "trade_show",
    展览会: "trade_show",
    广交会: "trade_show",
    website: "website",
    web: "website",
    官网: "website",
    网站: "website",
    b2b: "b2b_platform",
    b2bplatform: "b2b_platform",
    alibaba: "b2b_platform",
    madeinchina: "b2b_platform",
    globalsources: "b2b_platform",
    b2b平台: "b2b_platform",
    阿里巴巴: "b2b_platform",
    中国制造网: "b2b_platform",
    referral: "referral",
    recommendation: "referral",
    转介绍: "referral",
    介绍: "referral",
    客户介绍: "referral",
    coldoutreach: "cold_outreach",
    coldemail: "cold_outreach",
    coldcall: "cold_outreach",
    开发信: "cold_outreach",
    陌生开发: "cold_outreach",
    customsdata: "customs_data",
    customs: "customs_data",
    海关数据: "customs_data",
    other: "other",
    others: "other",
    其他: "other",
  }) as [string, CustomerSource][],
);

const LIST_SEPARATORS = /[;,，；、|\n]+/;
const EMAIL_SEPARATORS = /[;,，；、|\s]+/;

function splitList(values: string[], separators: RegExp): string[] {
  return values
    .flatMap((value) => value.split(separators))
    .map((value) => value.trim())
    .filter(Boolean);
}

// The cells of one row by field; several columns may fill one field (Phone and Mobile).
export type RowCells = Map<ImportField, string[]>;

export function cellsByField(columns: ImportColumn[], cells: readonly string[]): RowCells {
  const byField: RowCells = new Map();
  columns.forEach((column, at) => {
    const value = cells[at]?.trim();
    if (!value || column.field === "ignore") return;
    const values = byField.get(column.field);
    if (values) values.push(value);
    else byField.set(column.field, [value]);
  });
  return byField;
}

// A row ready to be checked and inserted. phones and emails are normalized (E.164, lower case).
export type PreparedRow = {
  row: number;
  input: CreateCustomerInput & { phones: string[] };
  contact: { name: string; title: string | null; emails: string[]; phones: string[] } | null;
  nameNormalized: string;
  // Stable identity of the company across imports: a renamed customer is still recognised when the
  // same file comes again.
  importKey: string;
  // The exact keys of the duplicate check (e-mails, domains, phones, website host), by which the
  // import finds duplicates; the name keys are computed for the rows inserted.
  exactKeys: MatchKey[];
};

export type RowOutcome = { ok: true; prepared: PreparedRow } | { ok: false; name: string; message: string };

// The spreadsheet field a customer-schema issue is about, so the message names the file's column.
function fieldOfIssue(path: PropertyKey[], hasContactName: boolean): ImportField {
  const [top, , nested] = path;
  if (top !== "contacts") return top === "phones" ? "phone" : (top as ImportField);
  if (nested === "emails") return "email";
  if (nested === "phones") return "phone";
  if (nested === "title") return "title";
  // A contact without a name column is named by its e-mail address.
  return hasContactName ? "contactName" : "email";
}

const truncate = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

// The label of a field in messages: the file's own header for it.
export type FieldLabels = (field: ImportField) => string;

// Validates and normalizes one row with the same rules as creating a customer through the API, plus
// the spreadsheet conveniences: country names, Chinese stage and source names, lists in one cell.
export function prepareRow(row: number, cells: RowCells, label: FieldLabels): RowOutcome {
  const first = (field: ImportField) => cells.get(field)?.[0];
  const name = first("name") ?? "";
  const problems: string[] = [];
  const fail = () => ({ ok: false as const, name, message: problems.join("; ") });
  if (!name) problems.push(`${label("name")} is empty`);

  const countryText = first("country");
  const country = countryText ? resolveCountry(countryText) : undefined;
  if (!countryText) problems.push(`${label("country")} is empty`);
  else if (!country) problems.push(`${label("country")} "${countryText}" is not a country name or ISO code`);

  const tierText = first("tier");
  const tier = tierText ? /^[ABCD](?![A-Z])/i.exec(tierText)?.[0]?.toUpperCase() : undefined;
  if (tierText && !tier) problems.push(`${label("tier")} "${tierText}" must be A, B, C or D`);
  const stageText = first("stage");
  const stage = stageText ? STAGE_BY_NAME.get(stageText.toLowerCase().replace(/[\s_-]+/g, "")) : undefined;
  if (stageText && !stage) problems.push(`${label("stage")} "${stageText}" is not a known stage`);
  const sourceText = first("source");
  const source = sourceText
    ? SOURCE_BY_NAME.get(sourceText.toLowerCase().replace(/[\s_-]+/g, ""))
    : undefined;
  if (sourceText && !source) problems.push(`${label("source")} "${sourceText}" is not a known source`);

  const emails = [
    ...new Set(splitList(cells.get("email") ?? [], EMAIL_SEPARATORS).map((e) => e.toLowerCase())),
  ];
  const contactName = first("contactName") ?? emails[0];
  const phones: string[] = [];
  for (const phone of splitList(cells.get("phone") ?? [], LIST_SEPARATORS)) {
    const e164 = country ? toE164(phone, country) : null;
    if (country && !e164)
      problems.push(`${label("phone")} "${phone}" is not a valid phone number for ${country}`);
    if (e164 && !phones.includes(e164)) phones.push(e164);
  }
  if (problems.length > 0) return fail();

  const notes = cells.get("notes")?.join("\n");
  const candidate = {
    name,
    localName: first("localName"),
    country,
    city: first("city"),
    address: first("address"),
    website: first("website"),
    industry: first("industry"),
    tier,
    stage,
    source,
    tags: cells.has("tags") ? [...new Set(splitList(cells.get("tags") ?? [], LIST_SEPARATORS))] : undefined,
    notes,
    // A phone goes to the row's contact when there is one, as the company's otherwise.
    phones: contactName ? undefined : phones,
    contacts: contactName
      ? [{ name: contactName, title: first("title"), emails, phones, isPrimary: true }]
      : undefined,
  };
  const parsed = CreateCustomerInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfIssue(issue.path, cells.has("contactName"));
      const value = issue.path.reduce<unknown>(
        (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key],
        candidate,
      );
      const shown = typeof value === "string" && value ? ` "${truncate(value)}"` : "";
      problems.push(`${label(field)}${shown}: ${issue.message}`);
    }
    return fail();
  }
  const input = { ...parsed.data, phones: parsed.data.phones ?? [] };
  const contactInput = input.contacts?.[0];
  const contact = contactInput
    ? { name: contactInput.name, title: contactInput.title ?? null, emails, phones }
    : null;
  const nameNormalized = normalizeCompanyName(input.name);
  return {
    ok: true,
    prepared: {
      row,
      input,
      contact,
      nameNormalized,
      importKey: createHash("sha256")
        .update(`${nameNormalized}\u0000${input.country}`)
        .digest("hex")
        .slice(0, 32),
      exactKeys: exactMatchKeys({ website: input.website, emails, phones }),
    },
  };
}
