import { theme } from "antd";
import { useTranslation } from "react-i18next";
import { currentLocale } from "../i18n";
import { countryName } from "../lib/countries";

// The ISO code stands where a flag would: flag emoji are drawn as plain letters on Windows and as
// empty boxes where no emoji font is installed, so the code is the reliable "flag".
export function CountryLabel({ code }: { code: string }) {
  // Subscribed so the name follows a language switch.
  useTranslation();
  const { token } = theme.useToken();
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      <span
        style={{
          display: "inline-block",
          minWidth: 24,
          marginInlineEnd: 6,
          padding: "0 3px",
          border: `1px solid ${token.colorBorder}`,
          borderRadius: 3,
          fontSize: 11,
          lineHeight: "16px",
          textAlign: "center",
          color: token.colorTextSecondary,
          fontVariantNumeric: "tabular-nums",
        }}
      >
        {code}
      </span>
      {countryName(code, currentLocale())}
    </span>
  );
}
