import { Card, Flex, Layout, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/language-switch";

// The frame of the pages shown before sign-in: brand, language choice, one card.
export function AuthLayout({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Flex justify="space-between" align="center" style={{ padding: "12px 16px" }}>
        <Flex align="center" gap={10}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Text strong style={{ fontSize: 17 }}>
            {t("app.name")}
          </Typography.Text>
        </Flex>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" style={{ padding: "24px 12px 48px" }}>
        <Card style={{ width: "100%", maxWidth: 520 }}>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
          {children}
        </Card>
      </Flex>
    </Layout>
  );
}
