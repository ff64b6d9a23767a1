import { CheckCircleOutlined, ExportOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Alert, Flex, List, Space, Spin, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DuplicateMatch } from "../../../../shared/schemas/customers";
import { CountryLabel } from "../../components/country-label";
import { OwnerLabel } from "./customer-tags";
import { matchReason } from "./match-reasons";

// Which existing customer, who owns it (or that it is in the pool), how sure, and why.
export function DuplicateMatchList({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={matches}
      renderItem={(match) => (
        <List.Item key={match.customerId} style={{ paddingInline: 0 }}>
          <Flex vertical gap={2} style={{ width: "100%" }}>
            <Flex gap={8} wrap align="center">
              {/* A new tab, so the form being filled in is not lost. */}
              <Link to="/customers/$id" params={{ id: match.customerId }} target="_blank">
                <Typography.Text strong>{match.name}</Typography.Text> <ExportOutlined />
              </Link>
              <CountryLabel code={match.country} />
              {match.exact ? (
                <Tag color="red">{t("duplicates.exact")}</Tag>
              ) : (
                <Tag color="orange">
                  {t("duplicates.similar", { percent: Math.round(match.score * 100) })}
                </Tag>
              )}
            </Flex>
            <Space size={4} wrap>
              <Typography.Text type="secondary">{t("duplicates.owner")}:</Typography.Text>
              <OwnerLabel ownerName={match.ownerName} inPublicPool={match.inPublicPool} />
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {match.reasons.map((reason) => matchReason(reason, t)).join(" · ")}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

// The live 查重 panel of the create form: what already exists while the user is still typing.
export function DuplicateHints({
  matches,
  checking,
}: {
  matches: DuplicateMatch[] | undefined;
  checking: boolean;
}) {
  const { t } = useTranslation();
  if (!matches) {
    return checking ? <Spin size="small" description={t("duplicates.checking")} /> : null;
  }
  if (matches.length === 0) {
    return (
      <Typography.Text type="success">
        <CheckCircleOutlined /> {t("duplicates.none")}
      </Typography.Text>
    );
  }
  const exact = matches.some((match) => match.exact);
  const title: ReactNode = (
    <Flex justify="space-between" gap={8}>
      <span>
        {exact ? t("duplicates.liveExact") : t("duplicates.liveSimilar", { count: matches.length })}
      </span>
      {checking ? <Spin size="small" /> : null}
    </Flex>
  );
  return (
    <Alert
      type={exact ? "error" : "warning"}
      showIcon
      title={title}
      description={<DuplicateMatchList matches={matches} />}
    />
  );
}
