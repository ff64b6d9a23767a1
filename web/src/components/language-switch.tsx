import { DownOutlined, GlobalOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { LOCALES } from "../../../shared/schemas/common";
import { useSwitchLanguage } from "../features/session/session.api";
import { currentLocale } from "../i18n";
import { useShowError } from "../lib/errors";

// Each language is named in itself, so someone who cannot read the current one still finds theirs.
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  const showError = useShowError();
  const current = currentLocale();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: LOCALES.map((locale) => ({ key: locale, label: t(`language.${locale}`) })),
        onClick: ({ key }) => {
          const locale = LOCALES.find((candidate) => candidate === key);
          if (locale) switchLanguage(locale).catch((error: unknown) => showError(error));
        },
      }}
    >
      {compact ? (
        <Button type="text" icon={<GlobalOutlined />} aria-label={t("language.label")} />
      ) : (
        <Button type="text" icon={<GlobalOutlined />} title={t("language.label")}>
          {t(`language.${current}`)} <DownOutlined />
        </Button>
      )}
    </Dropdown>
  );
}
