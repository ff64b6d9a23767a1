import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Form, Result } from "antd";
import { useTranslation } from "react-i18next";
import {
  CreateOrderInputSchema,
  type Order,
  UpdateOrderInputSchema,
} from "../../../../shared/schemas/orders";
import { PageHeader } from "../../components/page-header";
import { PageLoading, RouteErrorPage } from "../../components/status-pages";
import { useShowError } from "../../lib/errors";
import { dayjs } from "../../lib/time";
import {
  commercialOf,
  DocumentEditor,
  type EditorPayload,
  type EditorValues,
  editorValuesOf,
  newDocumentValues,
} from "../quotations/document-editor";
import { useDocumentCustomer } from "../quotations/quotations.api";
import { useReportIssues } from "../quotations/report-issues";
import { useCreateOrder, useOrder, useUpdateOrder } from "./orders.api";

const newRoute = getRouteApi("/app/orders/new");
const editRoute = getRouteApi("/app/orders/$id/edit");

// An order is usually converted from an accepted quotation; this is for a repeat order without one.
export function NewOrderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { customerId } = newRoute.useSearch();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateOrder();
  const showError = useShowError();
  const reportIssues = useReportIssues(form);
  const customer = useDocumentCustomer(customerId);
  if (customerId && customer.isPending) return <PageLoading />;
  const suggested = customer.data?.access === "full" ? customer.data : undefined;

  const save = (payload: EditorPayload) => {
    const parsed = CreateOrderInputSchema.safeParse({
      ...commercialOf(payload),
      requestedDeliveryDate: payload.requestedDeliveryDate,
      shippingMarks: payload.shippingMarks,
    });
    if (!parsed.success) return reportIssues(parsed.error.issues);
    create.mutate(parsed.data, {
      onSuccess: (order) => {
        void message.success(t("orders.createdMessage", { number: order.number }));
        void navigate({ to: "/orders/$id", params: { id: order.id } });
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("orders.newTitle")} subtitle={t("orders.editorSubtitle")} />
      <DocumentEditor
        kind="order"
        form={form}
        initialValues={newDocumentValues("order", suggested?.id)}
        suggestedCustomer={suggested}
        saving={create.isPending}
        saveLabel={t("orders.saveDraft")}
        onSave={save}
        onCancel={() => window.history.back()}
      />
    </>
  );
}

function EditDraft({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const update = useUpdateOrder(order.id);
  const showError = useShowError();
  const reportIssues = useReportIssues(form);
  const open = () => void navigate({ to: "/orders/$id", params: { id: order.id } });

  const save = (payload: EditorPayload) => {
    const { customerId: _customer, ...commercial } = commercialOf(payload);
    const parsed = UpdateOrderInputSchema.safeParse({
      ...commercial,
      contactId: commercial.contactId ?? null,
      leadTimeDays: commercial.leadTimeDays ?? null,
      remarks: commercial.remarks ?? null,
      requestedDeliveryDate: payload.requestedDeliveryDate ?? null,
      shippingMarks: payload.shippingMarks ?? null,
    });
    if (!parsed.success) return reportIssues(parsed.error.issues);
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("orders.savedMessage"));
        open();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("orders.editTitle", { number: order.number })} />
      <DocumentEditor
        kind="order"
        form={form}
        initialValues={{
          ...editorValuesOf(order),
          requestedDeliveryDate: order.requestedDeliveryDate ? dayjs(order.requestedDeliveryDate) : undefined,
          shippingMarks: order.shippingMarks ?? undefined,
        }}
        fixedCustomer={{ id: order.customerId, name: order.customerName }}
        saving={update.isPending}
        saveLabel={t("common.save")}
        onSave={save}
        onCancel={open}
        notice={
          order.approval?.state === "rejected" ? (
            <Alert
              type="warning"
              showIcon
              title={t("orders.rejectedNotice")}
              description={
                order.approval.decisionReason
                  ? t("orders.decisionReason", { reason: order.approval.decisionReason })
                  : undefined
              }
            />
          ) : undefined
        }
      />
    </>
  );
}

export function EditOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = editRoute.useParams();
  const order = useOrder(id);
  if (order.isPending) return <PageLoading />;
  if (order.error) return <RouteErrorPage error={order.error} />;
  if (order.data.status === "draft") return <EditDraft order={order.data} />;
  return (
    <Result
      status="info"
      title={t("orders.notEditableTitle", { number: order.data.number })}
      subTitle={t("orders.notEditable")}
      extra={
        <Button type="primary" onClick={() => void navigate({ to: "/orders/$id", params: { id } })}>
          {t("orders.openOrder")}
        </Button>
      }
    />
  );
}
