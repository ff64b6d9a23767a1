import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { LOCALES, type Locale } from "../../../shared/schemas/common";
import { applyDayjsLocale } from "../lib/time";
import { enUS, type Messages } from "./en-US";
import { zhCN } from "./zh-CN";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly (string | undefined)[]).includes(value);
}

// Before sign-in the browser decides; afterwards the user's saved locale wins.
function browserLocale(): Locale {
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en-US";
}

i18n.on("languageChanged", (language) => {
  const locale = isLocale(language) ? language : "en-US";
  applyDayjsLocale(locale);
  document.documentElement.lang = locale;
});

// The catalogues are bundled, so initialising synchronously lets the first render already be translated.
void i18n.use(initReactI18next).init({
  initAsync: false,
  resources: { "en-US": { translation: enUS }, "zh-CN": { translation: zhCN } },
  lng: browserLocale(),
  fallbackLng: "en-US",
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
});

export { i18n };
