import { InboxOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Flex,
  Progress,
  Radio,
  Result,
  Row,
  Segmented,
  Select,
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
import { z } from "zod";
import { can } from "../../../../shared/permissions";
import {
  IMPORT_FIELDS,
  type Import,
  type ImportField,
  type ImportMapping,
  type ImportRowResult,
} from "../../../../shared/schemas/imports";
import { ApiError } from "../../api/client";
import { PageHeader } from "../../components/page-header";
import { PageLoading } from "../../components/status-pages";
import { errorMessage } from "../../lib/errors";
import { matchReason } from "../customers/match-reasons";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import {
  type ImportOutcome,
  type ResultsPage,
  useCommitImport,
  useImport,
  useStartImport,
} from "./imports.api";

const route = getRouteApi("/app/customers/import");

const RESULTS_PAGE_SIZE = 50;
const ACCEPT = ".csv,.xlsx";

type Assignment = "me" | "rep" | "pool";

// A file without a company-name or country column is refused with the headers it has, so the user
// can say which column is which.
const MissingColumnsSchema = z.object({ missing: z.array(z.string()), headers: z.array(z.string()) });

const OUTCOME_COLORS: Record<ImportOutcome, string> = { created: "green", duplicate: "orange", error: "red" };

function MappingEditor({
  headers,
  detected,
  mapping,
  onChange,
  disabled = false,
}: {
  headers: string[];
  detected: Map<string, ImportField | "ignore">;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const options = [
    ...IMPORT_FIELDS.map((field) => ({ value: field, label: t(`imports.fields.${field}`) })),
    { value: "ignore", label: t("imports.ignoreColumn") },
  ];
  return (
    <Table
      size="small"
      rowKey="header"
      pagination={false}
      dataSource={headers.map((header) => ({ header }))}
      columns={[
        {
          title: t("imports.fileColumn"),
          dataIndex: "header",
          render: (header: string) => <code>{header}</code>,
        },
        {
          title: t("imports.fillsField"),
          key: "field",
          render: (_, { header }) => (
            <Select<ImportField | "ignore">
              value={mapping[header] ?? detected.get(header)}
              placeholder={t("imports.detectAutomatically")}
              options={options}
              onChange={(field) => onChange({ ...mapping, [header]: field })}
              disabled={disabled}
              aria-label={header}
              style={{ width: 220 }}
            />
          ),
        },
      ]}
    />
  );
}

function ResultsTable({
  record,
  page,
  onPage,
}: {
  record: Import;
  page: ResultsPage;
  onPage: (page: ResultsPage) => void;
}) {
  const { t } = useTranslation();
  const counts: Record<ImportOutcome, number> = {
    created: record.created,
    duplicate: record.duplicates,
    error: record.errorCount,
  };
  const total = page.outcome ? counts[page.outcome] : record.total;
  const outcomeLabel = (outcome: ImportOutcome) =>
    outcome === "created" && record.dryRun
      ? t("imports.outcomes.wouldCreate")
      : t(`imports.outcomes.${outcome}`);

  const columns: TableColumnsType<ImportRowResult> = [
    { title: t("imports.row"), dataIndex: "row", width: 70 },
    {
      title: t("imports.result"),
      dataIndex: "outcome",
      render: (_, result) => <Tag color={OUTCOME_COLORS[result.outcome]}>{outcomeLabel(result.outcome)}</Tag>,
    },
    {
      title: t("customerFields.name"),
      dataIndex: "name",
      render: (_, result) =>
        result.customerId ? (
          <Link to="/customers/$id" params={{ id: result.customerId }}>
            {result.name}
          </Link>
        ) : (
          result.name
        ),
    },
    {
      title: t("imports.details"),
      key: "details",
      render: (_, result) => {
        const duplicate = result.duplicateOf;
        if (duplicate) {
          const owner = duplicate.inPublicPool
            ? t("customers.publicPool")
            : (duplicate.ownerName ?? t("common.none"));
          const what = duplicate.customerId ? (
            <Link to="/customers/$id" params={{ id: duplicate.customerId }}>
              {duplicate.name}
            </Link>
          ) : (
            duplicate.name
          );
          return (
            <span>
              {t("imports.duplicateOf")} {what} ({owner}) · {matchReason(duplicate.reason, t)}
            </span>
          );
        }
        return result.message ? <Typography.Text type="danger">{result.message}</Typography.Text> : null;
      },
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Segmented<ImportOutcome | "all">
        value={page.outcome ?? "all"}
        onChange={(value) =>
          onPage({ offset: 0, limit: RESULTS_PAGE_SIZE, outcome: value === "all" ? undefined : value })
        }
        options={[
          { value: "all", label: t("imports.allRows", { count: record.total }) },
          ...(["created", "duplicate", "error"] as const).map((outcome) => ({
            value: outcome,
            label: `${outcomeLabel(outcome)} (${counts[outcome]})`,
          })),
        ]}
        style={{ alignSelf: "flex-start" }}
      />
      <Table<ImportRowResult>
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

function Counts({ record }: { record: Import }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Statistic title={t("imports.rows")} value={record.total} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={record.dryRun ? t("imports.outcomes.wouldCreate") : t("imports.outcomes.created")}
          value={record.created}
          styles={{ content: { color: "#389e0d" } }}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t("imports.outcomes.duplicate")} value={record.duplicates} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t("imports.outcomes.error")}
          value={record.errorCount}
          styles={{ content: record.errorCount > 0 ? { color: "#cf1322" } : undefined }}
        />
      </Col>
    </Row>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate();
  const users = useAllUsers();
  const startImport = useStartImport();
  const commitImport = useCommitImport();
  const [file, setFile] = useState<File>();
  const [assignment, setAssignment] = useState<Assignment>("me");
  const [repId, setRepId] = useState<string>();
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [page, setPage] = useState<ResultsPage>({ offset: 0, limit: RESULTS_PAGE_SIZE });
  const current = useImport(search.id, page);
  const record = current.data;
  const mayAssign = me.permissions.includes("customers.assign");
  const reps = (users.data?.items ?? []).filter((user) => user.active && can(user.role, "customers.write"));
  const running = record && (record.status === "queued" || record.status === "running");
  const missing = MissingColumnsSchema.safeParse(
    startImport.error instanceof ApiError ? startImport.error.details : undefined,
  );
  const headers =
    record?.columns.map((column) => column.header) ?? (missing.success ? missing.data.headers : []);
  const detected = new Map(record?.columns.map((column) => [column.header, column.field]) ?? []);

  const show = (id: string | undefined) => {
    setPage({ offset: 0, limit: RESULTS_PAGE_SIZE });
    void navigate({ to: "/customers/import", search: id ? { id } : {} });
  };

  const checkFile = () => {
    if (!file) return;
    const assignTo = assignment === "rep" ? (repId ?? "me") : assignment;
    startImport.mutate(
      { file, dryRun: true, assignTo, mapping: Object.keys(mapping).length > 0 ? mapping : undefined },
      { onSuccess: ({ importId }) => show(importId) },
    );
  };

  const startOver = () => {
    setFile(undefined);
    setMapping({});
    startImport.reset();
    commitImport.reset();
    show(undefined);
  };

  const assignedTo = (ownerId: string | null) => {
    if (ownerId === null) return t("customers.publicPool");
    if (ownerId === me.user.id) return t("imports.assignMe");
    return users.data?.items.find((user) => user.id === ownerId)?.name ?? ownerId;
  };

  const step = !record ? 0 : record.dryRun ? 1 : 2;
  const uploadError = startImport.error ?? commitImport.error;

  return (
    <>
      <PageHeader title={t("imports.title")} subtitle={t("imports.subtitle")} />
      <Steps
        current={step}
        size="small"
        // Three short steps fit across a phone; stacked they would push the upload off the screen.
        responsive={false}
        style={{ marginBottom: 16 }}
        items={[
          { title: t("imports.stepUpload") },
          { title: t("imports.stepCheck") },
          { title: t("imports.stepImport") },
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
                setMapping({});
                startImport.reset();
                // Kept in the page until the dry run sends it; nothing is uploaded on choosing.
                return false;
              }}
              onRemove={() => setFile(undefined)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t("imports.dropHint")}</p>
              <p className="ant-upload-hint">{t("imports.dropHelp")}</p>
            </Upload.Dragger>
            <div>
              <Typography.Text strong>{t("imports.assignTo")}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                {mayAssign ? (
                  <Space wrap>
                    <Radio.Group
                      value={assignment}
                      onChange={(event) => setAssignment(event.target.value as Assignment)}
                      options={[
                        { value: "me", label: t("imports.assignMe") },
                        { value: "rep", label: t("imports.assignRep") },
                        { value: "pool", label: t("customers.publicPool") },
                      ]}
                    />
                    {assignment === "rep" ? (
                      <Select
                        showSearch={{ optionFilterProp: "label" }}
                        value={repId}
                        onChange={setRepId}
                        placeholder={t("imports.chooseRep")}
                        aria-label={t("imports.chooseRep")}
                        options={reps.map((user) => ({ value: user.id, label: user.name }))}
                        style={{ width: 220 }}
                      />
                    ) : null}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t("imports.assignMeOnly")}</Typography.Text>
                )}
              </div>
            </div>
            {file && headers.length > 0 ? (
              <div>
                <Typography.Paragraph>{t("imports.mappingHelp")}</Typography.Paragraph>
                <MappingEditor
                  headers={headers}
                  detected={detected}
                  mapping={mapping}
                  onChange={setMapping}
                />
              </div>
            ) : null}
            <Button
              type="primary"
              disabled={!file || (assignment === "rep" && !repId)}
              loading={startImport.isPending}
              onClick={checkFile}
              style={{ alignSelf: "flex-start" }}
            >
              {t("imports.checkFile")}
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
              <Tag>{record.dryRun ? t("imports.dryRunTag") : t("imports.importTag")}</Tag>
              <Typography.Text type="secondary">
                {t("imports.assignedTo", { owner: assignedTo(record.ownerId) })}
              </Typography.Text>
            </Space>
          }
        >
          <Flex vertical gap={16}>
            {running ? (
              <div>
                <Typography.Text>
                  {record.status === "queued"
                    ? t("imports.queued")
                    : t("imports.progress", { processed: record.processed, total: record.total })}
                </Typography.Text>
                <Progress
                  percent={record.total > 0 ? Math.floor((record.processed / record.total) * 100) : 0}
                  status="active"
                />
              </div>
            ) : null}
            {record.status === "failed" ? (
              <Alert type="error" showIcon title={t("imports.failed")} description={record.failure} />
            ) : null}
            {record.status === "done" && !record.dryRun ? (
              <Result
                status={record.errorCount > 0 ? "warning" : "success"}
                title={t("imports.doneTitle", { count: record.created })}
                subTitle={t("imports.doneSubtitle", {
                  duplicates: record.duplicates,
                  errors: record.errorCount,
                })}
                style={{ padding: "8px 0" }}
              />
            ) : null}
            {record.status === "done" ? <Counts record={record} /> : null}
            {record.status === "done" && record.dryRun ? (
              <Alert
                type={record.created > 0 ? "info" : "warning"}
                showIcon
                title={
                  record.created > 0
                    ? t("imports.dryRunReady", { count: record.created })
                    : t("imports.dryRunNothing")
                }
                description={t("imports.dryRunHelp")}
              />
            ) : null}
            <Space wrap>
              {record.status === "done" && record.dryRun && record.created > 0 ? (
                <Button
                  type="primary"
                  loading={commitImport.isPending}
                  onClick={() =>
                    commitImport.mutate(record.id, { onSuccess: ({ importId }) => show(importId) })
                  }
                >
                  {t("imports.commit", { count: record.created })}
                </Button>
              ) : null}
              {record.status === "done" && !record.dryRun ? (
                <Button
                  type="primary"
                  onClick={() =>
                    void navigate({
                      to: record.ownerId === null ? "/pool" : "/customers",
                      search:
                        record.ownerId === me.user.id
                          ? { scope: "mine", sort: "-createdAt" }
                          : { sort: "-createdAt" },
                    })
                  }
                >
                  {t("imports.viewCustomers")}
                </Button>
              ) : null}
              {running ? null : <Button onClick={startOver}>{t("imports.another")}</Button>}
            </Space>
            {record.status === "done" && record.dryRun ? (
              <Collapse
                size="small"
                items={[
                  {
                    key: "columns",
                    label: t("imports.columnsTitle", { count: record.columns.length }),
                    children: (
                      <Flex vertical gap={8}>
                        <Typography.Text type="secondary">
                          {file ? t("imports.mappingHelp") : t("imports.mappingNeedsFile")}
                        </Typography.Text>
                        <MappingEditor
                          headers={headers}
                          detected={detected}
                          mapping={mapping}
                          onChange={setMapping}
                          disabled={!file}
                        />
                        {file ? (
                          <Button
                            disabled={Object.keys(mapping).length === 0}
                            loading={startImport.isPending}
                            onClick={checkFile}
                            style={{ alignSelf: "flex-start" }}
                          >
                            {t("imports.checkAgain")}
                          </Button>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]}
              />
            ) : null}
            {record.status === "done" ? <ResultsTable record={record} page={page} onPage={setPage} /> : null}
          </Flex>
        </Card>
      ) : null}
    </>
  );
}
