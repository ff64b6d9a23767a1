import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Result,
  Row,
  Segmented,
  Space,
  Statistic,
  Steps,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  PRODUCT_IMPORT_OUTCOMES,
  type ProductImport,
  type ProductImportOutcome,
  type ProductImportRowResult,
} from "../../../../shared/schemas/products";
import { PageHeader } from "../../components/page-header";
import { PageLoading } from "../../components/status-pages";
import { errorMessage } from "../../lib/errors";
import {
  type ProductResultsPage,
  productExportUrl,
  useCommitProductImport,
  useProductImport,
  useStartProductImport,
} from "./products.api";

const route = getRouteApi("/app/products/import");

const RESULTS_PAGE_SIZE = 50;
const ACCEPT = ".csv,.xlsx";

const OUTCOME_COLORS: Record<ProductImportOutcome, string> = {
  created: "green",
  updated: "blue",
  unchanged: "default",
  error: "red",
};

function countOf(record: ProductImport, outcome: ProductImportOutcome): number {
  return {
    created: record.created,
    updated: record.updated,
    unchanged: record.unchanged,
    error: record.errorCount,
  }[outcome];
}

function ResultsTable({
  record,
  page,
  onPage,
}: {
  record: ProductImport;
  page: ProductResultsPage;
  onPage: (page: ProductResultsPage) => void;
}) {
  const { t } = useTranslation();
  const outcomeLabel = (outcome: ProductImportOutcome) =>
    t(record.dryRun ? `productImport.wouldBe.${outcome}` : `productImport.outcomes.${outcome}`);
  const total = page.outcome ? countOf(record, page.outcome) : record.total;

  const columns: TableColumnsType<ProductImportRowResult> = [
    { title: t("productImport.row"), dataIndex: "row", width: 70 },
    {
      title: t("productImport.result"),
      dataIndex: "outcome",
      render: (_, result) => <Tag color={OUTCOME_COLORS[result.outcome]}>{outcomeLabel(result.outcome)}</Tag>,
    },
    {
      title: t("products.sku"),
      dataIndex: "sku",
      render: (_, result) =>
        result.productId ? (
          <Link to="/products" search={{ product: result.productId }}>
            {result.sku}
          </Link>
        ) : (
          result.sku
        ),
    },
    {
      title: t("productImport.details"),
      key: "details",
      render: (_, result) => {
        if (result.message) return <Typography.Text type="danger">{result.message}</Typography.Text>;
        if (result.changed && result.changed.length > 0) {
          return t("productImport.changedFields", { fields: result.changed.join(", ") });
        }
        return null;
      },
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Segmented<ProductImportOutcome | "all">
        value={page.outcome ?? "all"}
        onChange={(value) =>
          onPage({ offset: 0, limit: RESULTS_PAGE_SIZE, outcome: value === "all" ? undefined : value })
        }
        options={[
          { value: "all", label: t("productImport.allRows", { count: record.total }) },
          ...PRODUCT_IMPORT_OUTCOMES.map((outcome) => ({
            value: outcome,
            label: `${outcomeLabel(outcome)} (${countOf(record, outcome)})`,
          })),
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      <Table<ProductImportRowResult>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={record.results ?? []}
        scroll={{ x: "max-content" }}
        pagination={{
          current: Math.floor(page.offset / page.limit) + 1,
          pageSize: page.limit,
          total,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (current) => onPage({ ...page, offset: (current - 1) * page.limit }),
        }}
      />
    </Flex>
  );
}

function Counts({ record }: { record: ProductImport }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Statistic title={t("productImport.rows")} value={record.total} />
      </Col>
      {(["created", "updated", "error"] as const).map((outcome) => (
        <Col xs={12} md={6} key={outcome}>
          <Statistic
            title={t(
              record.dryRun ? `productImport.wouldBe.${outcome}` : `productImport.outcomes.${outcome}`,
            )}
            value={countOf(record, outcome)}
            styles={{
              content:
                outcome === "error" && record.errorCount > 0
                  ? { color: "#cf1322" }
                  : outcome === "created"
                    ? { color: "#389e0d" }
                    : undefined,
            }}
          />
        </Col>
      ))}
    </Row>
  );
}

// The customer import's flow for the catalogue: upload, dry run, then import; rows are matched by SKU.
export function ProductImportPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const startImport = useStartProductImport();
  const commitImport = useCommitProductImport();
  const [file, setFile] = useState<File>();
  const [page, setPage] = useState<ProductResultsPage>({ offset: 0, limit: RESULTS_PAGE_SIZE });
  const current = useProductImport(search.id, page);
  const record = current.data;
  const running = record && (record.status === "queued" || record.status === "running");
  const changes = record ? record.created + record.updated : 0;

  const show = (id: string | undefined) => {
    setPage({ offset: 0, limit: RESULTS_PAGE_SIZE });
    void navigate({ to: "/products/import", search: id ? { id } : {} });
  };

  const checkFile = () => {
    if (!file) return;
    startImport.mutate({ file, dryRun: true }, { onSuccess: ({ importId }) => show(importId) });
  };

  const startOver = () => {
    setFile(undefined);
    startImport.reset();
    commitImport.reset();
    show(undefined);
  };

  const step = !record ? 0 : record.dryRun ? 1 : 2;
  const uploadError = startImport.error ?? commitImport.error;

  return (
    <>
      <PageHeader
        title={t("productImport.title")}
        subtitle={t("productImport.subtitle")}
        extra={
          <Button icon={<DownloadOutlined />} href={productExportUrl({}, "xlsx")}>
            {t("productImport.template")}
          </Button>
        }
      />
      <Steps
        current={step}
        size="small"
        responsive={false}
        style={{ marginBottom: 16 }}
        items={[
          { title: t("productImport.stepUpload") },
          { title: t("productImport.stepCheck") },
          { title: t("productImport.stepImport") },
        ]}
      />
      {uploadError ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorMessage(uploadError, t)} />
      ) : null}

      {!search.id ? (
        <Card>
          <Flex vertical gap={16}>
            <Upload.Dragger
              accept={ACCEPT}
              maxCount={1}
              fileList={
                file ? [{ uid: "file", name: file.name, size: file.size, status: "done" as const }] : []
              }
              beforeUpload={(chosen) => {
                setFile(chosen);
                startImport.reset();
                // Kept in the page until the dry run sends it; nothing is uploaded on choosing.
                return false;
              }}
              onRemove={() => setFile(undefined)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t("productImport.dropHint")}</p>
              <p className="ant-upload-hint">{t("productImport.dropHelp")}</p>
            </Upload.Dragger>
            <Button
              type="primary"
              disabled={!file}
              loading={startImport.isPending}
              onClick={checkFile}
              style={{ alignSelf: "flex-start" }}
            >
              {t("productImport.checkFile")}
            </Button>
          </Flex>
        </Card>
      ) : null}

      {search.id && current.isPending ? <PageLoading /> : null}
      {search.id && current.error ? (
        <Alert type="error" showIcon title={errorMessage(current.error, t)} />
      ) : null}

      {record ? (
        <Card
          title={
            <Space wrap>
              <span>{record.fileName}</span>
              <Tag>{record.dryRun ? t("productImport.dryRunTag") : t("productImport.importTag")}</Tag>
            </Space>
          }
        >
          <Flex vertical gap={16}>
            {running ? (
              <div>
                <Typography.Text>
                  {record.status === "queued"
                    ? t("productImport.queued")
                    : t("productImport.progress", { processed: record.processed, total: record.total })}
                </Typography.Text>
                <Progress
                  percent={record.total > 0 ? Math.floor((record.processed / record.total) * 100) : 0}
                  status="active"
                />
              </div>
            ) : null}
            {record.status === "failed" ? (
              <Alert type="error" showIcon title={t("productImport.failed")} description={record.failure} />
            ) : null}
            {record.status === "done" && !record.dryRun ? (
              <Result
                status={record.errorCount > 0 ? "warning" : "success"}
                title={t("productImport.doneTitle", { created: record.created, updated: record.updated })}
                subTitle={t("productImport.doneSubtitle", {
                  unchanged: record.unchanged,
                  errors: record.errorCount,
                })}
                style={{ padding: "8px 0" }}
              />
            ) : null}
            {record.status === "done" ? <Counts record={record} /> : null}
            {record.status === "done" && record.dryRun ? (
              <Alert
                type={changes > 0 ? "info" : "warning"}
                showIcon
                title={
                  changes > 0
                    ? t("productImport.dryRunReady", { created: record.created, updated: record.updated })
                    : t("productImport.dryRunNothing")
                }
                description={t("productImport.dryRunHelp")}
              />
            ) : null}
            <Space wrap>
              {record.status === "done" && record.dryRun && changes > 0 ? (
                <Button
                  type="primary"
                  loading={commitImport.isPending}
                  onClick={() =>
                    commitImport.mutate(record.id, { onSuccess: ({ importId }) => show(importId) })
                  }
                >
                  {t("productImport.commit", { count: changes })}
                </Button>
              ) : null}
              {record.status === "done" && !record.dryRun ? (
                <Button type="primary" onClick={() => void navigate({ to: "/products", search: {} })}>
                  {t("productImport.viewProducts")}
                </Button>
              ) : null}
              {running ? null : <Button onClick={startOver}>{t("productImport.another")}</Button>}
            </Space>
            {record.status === "done" ? <ResultsTable record={record} page={page} onPage={setPage} /> : null}
          </Flex>
        </Card>
      ) : null}
    </>
  );
}
