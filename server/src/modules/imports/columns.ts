import type { ImportColumn, ImportField, ImportMapping } from "../../../../shared/schemas/imports";

// Header texts people use for each field, in English and Chinese, compared after headerKey folding.
const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: [
    "company",
    "company name",
    "companyname",
    "customer",
    "customer name",
    "client",
    "client name",
    "account",
    "account name",
    "organization",
    "organisation",
    "buyer",
    "importer",
    "公司名称",
    "公司",
    "公司名",
    "客户名称",
    "客户",
    "客户公司",
    "企业名称",
    "单位名称",
  ],
  localName: ["local name", "native name", "name in local language", "本地名称", "当地名称", "本地名"],
  country: [
    "country",
    "country region",
    "country code",
    "nation",
    "国家",
    "国家地区",
    "国家或地区",
    "国别",
    "地区",
  ],
  city: ["city", "town", "城市"],
  address: ["address", "street", "street address", "company address", "地址", "公司地址", "详细地址"],
  website: ["website", "web site", "web", "url", "homepage", "site", "网址", "网站", "官网", "公司网址"],
  email: [
    "email",
    "e-mail",
    "mail",
    "email address",
    "e-mail address",
    "contact email",
    "邮箱",
    "电子邮件",
    "电子邮箱",
    "邮件",
    "邮箱地址",
    "联系人邮箱",
  ],
  phone: [
    "phone",
    "tel",
    "telephone",
    "phone number",
    "mobile",
    "mobile phone",
    "cell",
    "cell phone",
    "contact phone",
    "电话",
    "手机",
    "联系电话",
    "手机号",
    "手机号码",
    "电话号码",
    "座机",
  ],
  contactName: [
    "contact",
    "contact name",
    "contact person",
    "contacts",
    "联系人",
    "联系人姓名",
    "联系人名称",
    "姓名",
  ],
  title: ["title", "job title", "position", "role", "职位", "职务", "岗位"],
  industry: ["industry", "sector", "行业", "所属行业"],
  tier: ["tier", "level", "grade", "class", "rating", "等级", "客户等级", "级别", "客户级别"],
  stage: ["stage", "status", "customer stage", "阶段", "客户阶段", "状态", "客户状态"],
  source: ["source", "lead source", "customer source", "channel", "来源", "客户来源", "渠道"],
  tags: ["tags", "tag", "labels", "label", "标签"],
  notes: ["notes", "note", "remarks", "remark", "comments", "comment", "description", "备注", "说明"],
};

// Weaker aliases, used only when no other column is the company name: a bare "Name" is usually the
// company in a customer list, but a contact's name when a company column exists.
const FALLBACK_NAME_ALIASES = ["name", "名称"];

// Case, width, spaces, punctuation, required-field stars and bracketed notes ("Country (ISO)") folded.
export function headerKey(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\([^)]*\)|（[^）]*）/g, "")
    .replace(/[\s\-_/\\:*.#]+/g, " ")
    .trim();
}

const FIELD_BY_KEY = new Map<string, ImportField>();
for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [ImportField, string[]][]) {
  for (const alias of aliases) {
    FIELD_BY_KEY.set(headerKey(alias), field);
    FIELD_BY_KEY.set(headerKey(alias).replaceAll(" ", ""), field);
  }
}

function detectField(header: string): ImportField | undefined {
  const key = headerKey(header);
  return FIELD_BY_KEY.get(key) ?? FIELD_BY_KEY.get(key.replaceAll(" ", ""));
}

// What each column of the file fills: the explicit mapping first, then the detected field.
export function resolveColumns(headers: string[], mapping: ImportMapping = {}): ImportColumn[] {
  const columns: ImportColumn[] = headers.map((header) => ({
    header,
    field: mapping[header] ?? detectField(header) ?? "ignore",
  }));
  if (!columns.some((column) => column.field === "name")) {
    const fallback = columns.find(
      (column) =>
        column.field === "ignore" &&
        mapping[column.header] === undefined &&
        FALLBACK_NAME_ALIASES.includes(headerKey(column.header)),
    );
    if (fallback) fallback.field = "name";
  }
  return columns;
}

// True when a row looks like the header row: some cell is a company-name header.
export function isHeaderRow(cells: string[], mapping: ImportMapping = {}): boolean {
  return resolveColumns(cells, mapping).some((column) => column.field === "name");
}
