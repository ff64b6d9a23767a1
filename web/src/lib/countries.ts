import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json";
import zh from "i18n-iso-countries/langs/zh.json";
import type { Locale } from "../../../shared/schemas/common";

countries.registerLocale(en);
countries.registerLocale(zh);

const LIBRARY_LANGUAGE = { "en-US": "en", "zh-CN": "zh" } as const satisfies Record<Locale, string>;

export function countryName(code: string, locale: Locale): string {
  return countries.getName(code, LIBRARY_LANGUAGE[locale]) ?? code;
}

const optionCache = new Map<Locale, { value: string; label: string }[]>();

// Every ISO 3166-1 country, sorted by its name in the reader's language (pinyin order in Chinese);
// computed once per language.
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  let options = optionCache.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = Object.entries(countries.getNames(LIBRARY_LANGUAGE[locale]))
      .sort(([, a], [, b]) => collator.compare(a, b))
      .map(([code, name]) => ({ value: code, label: `${name} (${code})` }));
    optionCache.set(locale, options);
  }
  return options;
}
