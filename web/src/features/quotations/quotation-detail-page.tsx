import {
  CheckOutlined,
  CloseOutlined,
  DiffOutlined,
  EditOutlined,
  FilePdfOutlined,
  SendOutlined,
  ShoppingCartOutlined,
} from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConvertQuotationInputSchema } from "../../../../shared/schemas/orders";
import type { Quotation } from "../../../../shared/schemas/quotations";
import { RelativeTime } from "../../components/date-time";
import { RecordPage } from "../../components/status-pages";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import type { Dayjs } from "../../lib/time";
import { dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { quotationPdfUrl, useConvertQuotation, useQuotation, useUpdateQuotation } from "./quotations.api";
import { RevisionChanges } from "./revision-changes";
import {
  CommercialTerms,
  ContainerEstimateView,
  DateText,
  DocumentLines,
  formatAmount,
  MarginView,
  QuotationStatusTag,
  Totals,
} from "./trade-display";

const route = getRouteApi("/app/quotations/$id");

type Values = Record<string, unknown>;

function RejectModal({
  quotation,
  open,
  onClose,
}: {
  quotation: Quotation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ statusReason?: string }>();
  const update = useUpdateQuotation(quotation.id);
  const showError = useShowError();
  return (
    <Modal
      open={open}
      title={t("quotations.rejectTitle", { reference: quotation.reference })}
      okText={t("quotations.markRejected")}
      okButtonProps={{ danger: true, loading: update.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        clearOnDestroy
        onFinish={({ statusReason }) =>
          update.mutate(
            { status: "rejected", statusReason: statusReason?.trim() || undefined },
            {
              onSuccess: () => {
                void message.success(t("quotations.rejectedMessage"));
                onClose();
              },
              onError: (error) => showError(error, form),
            },
          )
        }
      >
        <Form.Item
          label={t("quotations.rejectReason")}
          name="statusReason"
          extra={t("quotations.rejectReasonHelp")}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ConvertModal({
  quotation,
  open,
  onClose,
}: {
  quotation: Quotation;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(ConvertQuotationInputSchema);
  const convert = useConvertQuotation(quotation.id);
  const showError = useShowError();

  const submit = (values: Values) => {
    const date = values.requestedDeliveryDate as Dayjs | undefined;
    const input = parse(form, { ...values, requestedDeliveryDate: date?.format("YYYY-MM-DD") });
    if (!input) return;
    convert.mutate(input, {
      onSuccess: (order) => {
        void message.success(t("quotations.convertedMessage", { number: order.number }));
        void navigate({ to: "/orders/$id", params: { id: order.id } });
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("quotations.convertTitle", { reference: quotation.reference })}
      okText={t("quotations.convert")}
      okButtonProps={{ loading: convert.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("quotations.convertHelp")}</Typography.Paragraph>
      <Form form={form} layout="vertical" clearOnDestroy onFinish={submit}>
        <Form.Item
          label={t("trade.requestedDeliveryDate")}
          name="requestedDeliveryDate"
          {...field("requestedDeliveryDate")}
        >
          <DatePicker style={{ width: "100%" }} disabledDate={(date) => date.isBefore(dayjs(), "day")} />
        </Form.Item>
        <Form.Item
          label={t("trade.shippingMarks")}
          name="shippingMarks"
          extra={t("trade.shippingMarksHelp")}
          {...field("shippingMarks")}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Dialog = "reject" | "convert";

function Actions({ quotation, onDialog }: { quotation: Quotation; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateQuotation(quotation.id);
  const showError = useShowError();
  const canWrite = me.permissions.includes("quotations.write");
  const canConvert = me.permissions.includes("orders.write");
  const { status, latest } = quotation;

  const move = (next: "sent" | "accepted", done: string) =>
    update.mutate(
      { status: next },
      { onSuccess: () => void message.success(done), onError: (error) => showError(error) },
    );

  return (
    <Space wrap>
      <Button icon={<FilePdfOutlined />} href={quotationPdfUrl(quotation.id)} target="_blank">
        {t("trade.pdf")}
      </Button>
      {canWrite && latest && status === "draft" ? (
        <>
          <Button
            icon={<EditOutlined />}
            onClick={() => void navigate({ to: "/quotations/$id/edit", params: { id: quotation.id } })}
          >
            {t("common.edit")}
          </Button>
          <Popconfirm
            title={t("quotations.sendConfirm")}
            okText={t("quotations.markSent")}
            cancelText={t("common.cancel")}
            onConfirm={() => move("sent", t("quotations.sentMessage"))}
          >
            <Button type="primary" icon={<SendOutlined />} loading={update.isPending}>
              {t("quotations.markSent")}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {canWrite && latest && status === "sent" ? (
        <>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={update.isPending}
            onClick={() => move("accepted", t("quotations.acceptedMessage"))}
          >
            {t("quotations.markAccepted")}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => onDialog("reject")}>
            {t("quotations.markRejected")}
          </Button>
        </>
      ) : null}
      {canWrite && latest && (status === "sent" || status === "rejected" || status === "expired") ? (
        <Button
          icon={<DiffOutlined />}
          onClick={() => void navigate({ to: "/quotations/$id/revise", params: { id: quotation.id } })}
        >
          {t("quotations.revise")}
        </Button>
      ) : null}
      {status === "accepted" && quotation.orderId ? (
        <Button
          type="primary"
          icon={<ShoppingCartOutlined />}
          onClick={() => {
            if (quotation.orderId) void navigate({ to: "/orders/$id", params: { id: quotation.orderId } });
          }}
        >
          {t("quotations.openOrder")}
        </Button>
      ) : null}
      {status === "accepted" && !quotation.orderId && canConvert && latest ? (
        <Button type="primary" icon={<ShoppingCartOutlined />} onClick={() => onDialog("convert")}>
          {t("quotations.convert")}
        </Button>
      ) : null}
    </Space>
  );
}

function QuotationView({ quotation }: { quotation: Quotation }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t("quotations.heading", { reference: quotation.reference })}
              </Typography.Title>
              <QuotationStatusTag status={quotation.status} />
            </Space>
            <Typography.Text type="secondary">
              <Link to="/customers/$id" params={{ id: quotation.customerId }}>
                {quotation.customerName}
              </Link>{" "}
              · {t("quotations.updated")} <RelativeTime value={quotation.updatedAt} />
            </Typography.Text>
          </Flex>
          <Actions quotation={quotation} onDialog={setDialog} />
        </Flex>
        {!quotation.latest && quotation.supersededById ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t("quotations.superseded", { revision: quotation.revision })}
            action={
              <Link to="/quotations/$id" params={{ id: quotation.supersededById }}>
                {t("quotations.openLatest")}
              </Link>
            }
          />
        ) : null}
        {quotation.status === "expired" && quotation.latest ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("quotations.expiredNotice")} />
        ) : null}
        {quotation.status === "rejected" && quotation.statusReason ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t("quotations.rejectedBecause", { reason: quotation.statusReason })}
          />
        ) : null}
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} sm={8}>
            <Statistic title={t("trade.total")} value={formatAmount(quotation.total, quotation.currency)} />
          </Col>
          <Col xs={12} sm={8}>
            <Statistic
              title={t("trade.validUntil")}
              valueRender={() => <DateText value={quotation.validUntil} />}
            />
          </Col>
          <Col xs={12} sm={8}>
            <Statistic title={t("quotations.revision")} value={`R${quotation.revision}`} />
          </Col>
        </Row>
      </Card>
      {quotation.changes ? (
        <RevisionChanges
          changes={quotation.changes}
          revision={quotation.revision}
          currency={quotation.currency}
        />
      ) : null}
      <Card title={t("trade.terms")}>
        <CommercialTerms document={quotation} />
      </Card>
      <Card title={t("trade.lines")}>
        <Flex vertical gap={16}>
          <DocumentLines
            lines={quotation.lines}
            currency={quotation.currency}
            costCurrency={quotation.margin?.costCurrency}
          />
          <Totals
            subtotal={quotation.subtotal}
            discountTotal={quotation.discountTotal}
            total={quotation.total}
            currency={quotation.currency}
          />
          {quotation.margin ? <MarginView margin={quotation.margin} currency={quotation.currency} /> : null}
        </Flex>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <ContainerEstimateView estimate={quotation.containerEstimate} />
        </Col>
      </Row>
      <RejectModal quotation={quotation} open={dialog === "reject"} onClose={close} />
      <ConvertModal quotation={quotation} open={dialog === "convert"} onClose={close} />
    </Flex>
  );
}

export function QuotationDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = route.useParams();
  const quotation = useQuotation(id);
  return (
    <RecordPage
      query={quotation}
      notFound={{
        title: t("quotations.notFoundTitle"),
        subTitle: t("quotations.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/quotations", search: {} })}>
            {t("quotations.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => <QuotationView quotation={record} />}
    </RecordPage>
  );
}
