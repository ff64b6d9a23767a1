import { ImportOutlined, InboxOutlined, PlusOutlined } from "@ant-design/icons";
import { getRouteApi } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateFxRateInputSchema, type FxExposure, type FxRate } from "../../../../shared/schemas/fx";
import { PageHeader } from "../../components/page-header";
import { CurrencySelect } from "../../components/pickers";
import { errorMessage, useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { type Dayjs, dayjs } from "../../lib/time";
import { DateText, formatAmount } from "../quotations/trade-display";
import { useMe } from "../session/me-context";
import { useCreateFxRate, useFxExposure, useFxRates, useImportFxRates } from "./finance.api";
import { GainLoss } from "./finance-display";

const route = getRouteApi("/app/finance/fx-rates");

export function FxRatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const rates = useFxRates(search.currency);
  const canWrite = me.permissions.includes("finance.write");
  const [dialog, setDialog] = useState<"add" | "import">();

  const columns: TableColumnsType<FxRate> = [
    { title: t("finance.fx.date"), key: "date", render: (_, rate) => <DateText value={rate.date} /> },
    { title: t("finance.fx.base"), dataIndex: "base", key: "base" },
    { title: t("finance.fx.quote"), dataIndex: "quote", key: "quote" },
    {
      title: t("finance.fx.rate"),
      key: "rate",
      align: "right",
      render: (_, rate) => (
        <span
          title={`1 ${rate.base} = ${rate.rate} ${rate.quote}`}
          style={{ fontVariantNumeric: "tabular-nums" }}
        >
          {rate.rate}
        </span>
      ),
    },
    { title: t("finance.fx.source"), dataIndex: "source", key: "source" },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t("finance.fx.title")}
        subtitle={t("finance.fx.subtitle", { currency: me.workspace.currency })}
        extra={
          canWrite ? (
            <Flex gap={8} wrap>
              <Button icon={<ImportOutlined />} onClick={() => setDialog("import")}>
                {t("finance.fx.import")}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog("add")}>
                {t("finance.fx.add")}
              </Button>
            </Flex>
          ) : null
        }
      />
      <FxExposureCard />
      <Card
        title={t("finance.fx.rates")}
        size="small"
        extra={
          <CurrencySelect
            allowClear
            size="small"
            value={search.currency}
            onChange={(currency?: string) =>
              void setSearch({ search: (previous) => ({ ...previous, currency }) })
            }
            placeholder={t("finance.fx.allQuotes")}
            aria-label={t("finance.fx.quote")}
            style={{ width: 200 }}
          />
        }
      >
        {rates.error ? <Alert type="error" showIcon title={errorMessage(rates.error, t)} /> : null}
        <Table<FxRate>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rates.data?.items}
          loading={rates.isFetching}
          scroll={{ x: "max-content" }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t("finance.fx.empty")} /> }}
        />
      </Card>
      <AddRateModal
        open={dialog === "add"}
        onClose={() => setDialog(undefined)}
        base={me.workspace.currency}
      />
      <ImportRatesModal open={dialog === "import"} onClose={() => setDialog(undefined)} />
    </Flex>
  );
}

type RateValues = { date?: Dayjs; base?: string; quote?: string; rate?: string };

function AddRateModal({ open, onClose, base }: { open: boolean; onClose: () => void; base: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RateValues>();
  const { field, parse } = useSchemaForm(CreateFxRateInputSchema);
  const create = useCreateFxRate();
  const showError = useShowError();
  const submit = (values: RateValues) => {
    const input = parse(form, { ...values, date: values.date?.format("YYYY-MM-DD") });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (rate) => {
        void message.success(t("finance.fx.added", { base: rate.base, quote: rate.quote, rate: rate.rate }));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("finance.fx.add")}
      okText={t("common.save")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        name="addRate"
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={{ date: dayjs(), base }}
        onFinish={submit}
      >
        <Form.Item
          name="date"
          label={t("finance.fx.date")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="base" label={t("finance.fx.base")} style={{ flex: 1 }} {...field("base")}>
            <CurrencySelect />
          </Form.Item>
          <Form.Item name="quote" label={t("finance.fx.quote")} style={{ flex: 1 }} {...field("quote")}>
            <CurrencySelect />
          </Form.Item>
        </Flex>
        <Form.Item
          name="rate"
          label={t("finance.fx.rate")}
          extra={t("finance.fx.rateHelp")}
          {...field("rate")}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportRatesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [base, setBase] = useState<string>();
  const importRates = useImportFxRates();
  const close = () => {
    setFile(undefined);
    importRates.reset();
    onClose();
  };
  const result = importRates.data;
  return (
    <Modal
      open={open}
      onCancel={close}
      title={t("finance.fx.import")}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t("common.close")}</Button>
          <Button
            type="primary"
            disabled={!file}
            loading={importRates.isPending}
            onClick={() => file && importRates.mutate({ file, base })}
          >
            {t("finance.fx.importSubmit")}
          </Button>
        </Flex>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("finance.fx.importHelp")}
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".csv,text/csv"
          maxCount={1}
          fileList={file ? [{ uid: "file", name: file.name, size: file.size, status: "done" as const }] : []}
          beforeUpload={(chosen) => {
            setFile(chosen);
            importRates.reset();
            // Sent only when the import is asked for.
            return false;
          }}
          onRemove={() => setFile(undefined)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t("finance.fx.dropHint")}</p>
        </Upload.Dragger>
        <Form.Item
          label={t("finance.fx.importBase")}
          extra={t("finance.fx.importBaseHelp")}
          style={{ margin: 0 }}
        >
          <CurrencySelect allowClear value={base} onChange={setBase} style={{ width: "100%" }} />
        </Form.Item>
        {importRates.error ? (
          <Alert type="error" showIcon title={errorMessage(importRates.error, t)} />
        ) : null}
        {result ? (
          <Alert
            type="success"
            showIcon
            title={t("finance.fx.imported", { count: result.imported, dates: result.dates })}
            description={
              <span>
                {t(`finance.fx.format.${result.format}`)} · {result.currencies.join(", ")}
              </span>
            }
          />
        ) : null}
      </Flex>
    </Modal>
  );
}

type Open = FxExposure["open"][number];
type Realised = FxExposure["realised"][number];

function FxExposureCard() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const setSearch = route.useNavigate();
  const exposure = useFxExposure(search.date);
  const currency = exposure.data?.reportingCurrency ?? "";

  const openColumns: TableColumnsType<Open> = [
    { title: t("finance.currency"), dataIndex: "currency", key: "currency" },
    {
      title: t("finance.fx.openAmount"),
      key: "outstanding",
      align: "right",
      render: (_, row) => formatAmount(row.outstanding, row.currency),
    },
    {
      title: t("finance.fx.atOrderRate"),
      key: "atOrderRate",
      align: "right",
      render: (_, row) => formatAmount(row.atOrderRate, currency),
    },
    {
      title: t("finance.fx.atReportRate"),
      key: "atReportRate",
      align: "right",
      render: (_, row) => formatAmount(row.atReportRate, currency),
    },
    {
      title: t("finance.fx.unrealised"),
      key: "unrealised",
      align: "right",
      render: (_, row) => <GainLoss amount={row.unrealised} currency={currency} />,
    },
  ];
  const realisedColumns: TableColumnsType<Realised> = [
    { title: t("finance.owner"), dataIndex: "ownerName", key: "owner" },
    { title: t("finance.currency"), dataIndex: "currency", key: "currency" },
    {
      title: t("finance.fx.settled"),
      key: "settled",
      align: "right",
      render: (_, row) => formatAmount(row.settled, row.currency),
    },
    {
      title: t("finance.fx.realised"),
      key: "gainLoss",
      align: "right",
      render: (_, row) => <GainLoss amount={row.gainLoss} currency={currency} />,
    },
  ];

  return (
    <Card
      title={t("finance.fx.exposure")}
      size="small"
      extra={
        <DatePicker
          allowClear
          aria-label={t("finance.fx.reportDate")}
          placeholder={t("finance.fx.today")}
          value={search.date ? dayjs(search.date) : null}
          disabledDate={(date) => date.isAfter(dayjs(), "day")}
          onChange={(date: Dayjs | null) =>
            void setSearch({
              search: (previous) => ({ ...previous, date: date ? date.format("YYYY-MM-DD") : undefined }),
            })
          }
        />
      }
    >
      <Flex vertical gap={12}>
        {exposure.error ? <Alert type="error" showIcon title={errorMessage(exposure.error, t)} /> : null}
        {exposure.data ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: "date",
                label: t("finance.fx.reportDate"),
                children: <DateText value={exposure.data.date} />,
              },
              { key: "currency", label: t("finance.fx.reportingCurrency"), children: currency },
            ]}
          />
        ) : null}
        {exposure.data && exposure.data.missingRates.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t("finance.fx.missingRates", { currencies: exposure.data.missingRates.join(", ") })}
          />
        ) : null}
        <Typography.Text strong>{t("finance.fx.openTitle")}</Typography.Text>
        <Table<Open>
          rowKey="currency"
          size="small"
          columns={openColumns}
          dataSource={exposure.data?.open}
          loading={exposure.isFetching}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("finance.fx.noOpen")} /> }}
        />
        <Typography.Text strong>{t("finance.fx.realisedTitle")}</Typography.Text>
        <Table<Realised>
          rowKey={(row) => `${row.ownerId}:${row.currency}`}
          size="small"
          columns={realisedColumns}
          dataSource={exposure.data?.realised}
          loading={exposure.isFetching}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("finance.fx.noRealised")} /> }}
        />
      </Flex>
    </Card>
  );
}
