import countries from "i18n-iso-countries";

export function isCountryCode(code: string): boolean {
  return countries.isValid(code);
}
