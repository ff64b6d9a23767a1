import type { TFunction } from "i18next";

// The API explains a match in English sentences of a few fixed forms ("name 92% similar", "same
// website acme.de"); they are recognised here and said in the reader's language. A form this list
// does not know is shown as the server wrote it.
const PATTERNS = [
  { pattern: /^name (\d+)% similar$/, key: "matchReasons.name" },
  { pattern: /^same country$/, key: "matchReasons.country" },
  { pattern: /^same contact e-mail (.+)$/, key: "matchReasons.email" },
  { pattern: /^same e-mail domain (.+)$/, key: "matchReasons.domain" },
  { pattern: /^same website (.+)$/, key: "matchReasons.website" },
  { pattern: /^same phone (.+)$/, key: "matchReasons.phone" },
  { pattern: /^the same company was imported before$/, key: "matchReasons.imported" },
  { pattern: /^same company name and country$/, key: "matchReasons.nameAndCountry" },
] as const;

export function matchReason(reason: string, t: TFunction): string {
  const inFile = /^(.+) as row (\d+)$/.exec(reason);
  if (inFile?.[1] && inFile[2])
    return t("matchReasons.asRow", { reason: matchReason(inFile[1], t), row: inFile[2] });
  for (const { pattern, key } of PATTERNS) {
    const match = pattern.exec(reason);
    if (match) return t(key, { value: match[1] ?? "" });
  }
  return reason;
}
