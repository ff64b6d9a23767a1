import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { enUS } from "../../i18n/en-US";
import { zhCN } from "../../i18n/zh-CN";
import { matchReason } from "./match-reasons";

// A stand-in for i18next: looks the key up in a catalogue and fills in {{placeholders}}.
function translator(catalogue: typeof enUS): TFunction {
  const t = (key: string, values: Record<string, string> = {}) => {
    const [section, name] = key.split(".") as [keyof typeof catalogue, string];
    const template = (catalogue[section] as Record<string, string>)[name] ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, field: string) => values[field] ?? "");
  };
  return t as unknown as TFunction;
}

describe("match reasons", () => {
  const en = translator(enUS);
  const zh = translator(zhCN);

  it("says the API's reasons in the reader's language", () => {
    expect(matchReason("name 92% similar", zh)).toBe("名称相似度 92%");
    expect(matchReason("same website acme.de", zh)).toBe("网址相同：acme.de");
    expect(matchReason("same e-mail domain acme.de", zh)).toBe("邮箱域名相同：acme.de");
    expect(matchReason("same contact e-mail anna@acme.de", en)).toBe("same contact e-mail anna@acme.de");
    expect(matchReason("same country", zh)).toBe("国家相同");
  });

  it("understands an import's reference to an earlier row of the same file", () => {
    expect(matchReason("same phone +4930123456 as row 7", zh)).toBe("与第 7 行电话相同：+4930123456");
  });

  it("shows a reason it does not know as the server wrote it", () => {
    expect(matchReason("same VAT number DE123", zh)).toBe("same VAT number DE123");
  });
});
