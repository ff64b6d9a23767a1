import { Select, type SelectProps } from "antd";
import currencyCodes from "currency-codes";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/schemas/common";
import { currentLocale } from "../i18n";
import { countryOptions } from "../lib/countries";
import { browserTimeZone, dayjs } from "../lib/time";

type PickerProps<V> = Omit<SelectProps<V>, "options">;

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

let timeZoneCache: { value: string; label: string }[] | undefined;

// Ordered by UTC offset, as people look for "their" hour first; computed once, it touches ~400 zones.
function timeZoneOptions(): { value: string; label: string }[] {
  if (!timeZoneCache) {
    const zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC", browserTimeZone()]);
    timeZoneCache = [...zones]
      .map((zone) => ({ zone, offset: dayjs().tz(zone).utcOffset() }))
      .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone))
      .map(({ zone, offset }) => ({ value: zone, label: `(${offsetLabel(offset)}) ${zone}` }));
  }
  return timeZoneCache;
}

export function TimeZoneSelect(props: PickerProps<string>) {
  const options = useMemo(() => {
    const known = timeZoneOptions();
    // A zone saved elsewhere that this browser does not list must still show as selected.
    const value = props.value;
    return value && !known.some((option) => option.value === value)
      ? [{ value, label: value }, ...known]
      : known;
  }, [props.value]);
  return <Select showSearch={{ optionFilterProp: "label" }} {...props} options={options} />;
}

// The currencies export teams quote in most often come first; the full ISO 4217 list follows.
const COMMON_CURRENCIES = [
  "CNY",
  "USD",
  "EUR",
  "GBP",
  "JPY",
  "HKD",
  "AUD",
  "CAD",
  "SGD",
  "AED",
  "RUB",
  "INR",
];

export function CurrencySelect(props: PickerProps<string>) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([language ?? "en-US"], { type: "currency" });
    const rest = currencyCodes.codes().filter((code) => !COMMON_CURRENCIES.includes(code));
    return [...COMMON_CURRENCIES, ...rest].map((code) => ({
      value: code,
      label: `${code} · ${names.of(code) ?? code}`,
    }));
  }, [language]);
  return <Select showSearch={{ optionFilterProp: "label" }} {...props} options={options} />;
}

export function LanguageSelect(props: PickerProps<Locale>) {
  const { t } = useTranslation();
  const options = LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }));
  return <Select<Locale> {...props} options={options} />;
}

// Searchable by the name in the reader's language and by the ISO code ("de" finds Germany).
export function CountrySelect(props: PickerProps<string>) {
  // Subscribed so the names follow a language switch; the options are cached per language.
  useTranslation();
  const options = countryOptions(currentLocale());
  return <Select showSearch={{ optionFilterProp: "label" }} {...props} options={options} />;
}
