import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert, App, Button, Form, Result } from "antd";
import { useTranslation } from "react-i18next";
import {
  CreateQuotationInputSchema,
  type Quotation,
  ReviseQuotationInputSchema,
  UpdateQuotationInputSchema,
} from "../../../../shared/schemas/quotations";
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
} from "./document-editor";
import {
  useCreateQuotation,
  useDocumentCustomer,
  useQuotation,
  useReviseQuotation,
  useUpdateQuotation,
} from "./quotations.api";
import { useReportIssues } from "./report-issues";

const newRoute = getRouteApi("/app/quotations/new");
const editRoute = getRouteApi("/app/quotations/$id/edit");
const reviseRoute = getRouteApi("/app/quotations/$id/revise");

// An edit or a revision sends every field: null clears what the form left empty.
function changesOf(payload: EditorPayload) {
  const { customerId: _customer, ...commercial } = commercialOf(payload);
  return {
    ...commercial,
    contactId: commercial.contactId ?? null,
    leadTimeDays: commercial.leadTimeDays ?? null,
    remarks: commercial.remarks ?? null,
    validUntil: payload.validUntil,
  };
}

function quotationValues(quotation: Quotation): EditorValues {
  return { ...editorValuesOf(quotation), validUntil: dayjs(quotation.validUntil) };
}

export function NewQuotationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { customerId } = newRoute.useSearch();
  const [form] = Form.useForm<EditorValues>();
  const create = useCreateQuotation();
  const showError = useShowError();
  const reportIssues = useReportIssues(form);
  const customer = useDocumentCustomer(customerId);
  // Opened from a customer's page: wait for its name, so the picker shows it rather than an id.
  if (customerId && customer.isPending) return <PageLoading />;
  const suggested = customer.data?.access === "full" ? customer.data : undefined;

  const save = (payload: EditorPayload) => {
    const { requestedDeliveryDate: _date, shippingMarks: _marks, ...fields } = payload;
    const parsed = CreateQuotationInputSchema.safeParse(fields);
    if (!parsed.success) return reportIssues(parsed.error.issues);
    create.mutate(parsed.data, {
      onSuccess: (quotation) => {
        void message.success(t("quotations.createdMessage", { reference: quotation.reference }));
        void navigate({ to: "/quotations/$id", params: { id: quotation.id } });
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("quotations.newTitle")} subtitle={t("quotations.editorSubtitle")} />
      <DocumentEditor
        kind="quotation"
        form={form}
        initialValues={newDocumentValues("quotation", suggested?.id)}
        suggestedCustomer={suggested}
        saving={create.isPending}
        saveLabel={t("quotations.saveDraft")}
        onSave={save}
        onCancel={() => window.history.back()}
      />
    </>
  );
}

function NotEditable({ quotation }: { quotation: Quotation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="info"
      title={t("quotations.notEditableTitle", { reference: quotation.reference })}
      subTitle={t("quotations.notEditable")}
      extra={
        <Button
          type="primary"
          onClick={() => void navigate({ to: "/quotations/$id", params: { id: quotation.id } })}
        >
          {t("quotations.openQuotation")}
        </Button>
      }
    />
  );
}

function EditDraft({ quotation }: { quotation: Quotation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const update = useUpdateQuotation(quotation.id);
  const showError = useShowError();
  const reportIssues = useReportIssues(form);
  const open = () => void navigate({ to: "/quotations/$id", params: { id: quotation.id } });

  const save = (payload: EditorPayload) => {
    const parsed = UpdateQuotationInputSchema.safeParse(changesOf(payload));
    if (!parsed.success) return reportIssues(parsed.error.issues);
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("quotations.savedMessage"));
        open();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader title={t("quotations.editTitle", { reference: quotation.reference })} />
      <DocumentEditor
        kind="quotation"
        form={form}
        initialValues={quotationValues(quotation)}
        fixedCustomer={{ id: quotation.customerId, name: quotation.customerName }}
        saving={update.isPending}
        saveLabel={t("common.save")}
        onSave={save}
        onCancel={open}
      />
    </>
  );
}

export function EditQuotationPage() {
  const { id } = editRoute.useParams();
  const quotation = useQuotation(id);
  if (quotation.isPending) return <PageLoading />;
  if (quotation.error) return <RouteErrorPage error={quotation.error} />;
  const data = quotation.data;
  return data.status === "draft" && data.latest ? (
    <EditDraft quotation={data} />
  ) : (
    <NotEditable quotation={data} />
  );
}

function Revise({ quotation }: { quotation: Quotation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const revise = useReviseQuotation(quotation.id);
  const showError = useShowError();
  const reportIssues = useReportIssues(form);

  const save = (payload: EditorPayload) => {
    const parsed = ReviseQuotationInputSchema.safeParse(changesOf(payload));
    if (!parsed.success) return reportIssues(parsed.error.issues);
    revise.mutate(parsed.data, {
      onSuccess: (revision) => {
        void message.success(t("quotations.revisedMessage", { reference: revision.reference }));
        void navigate({ to: "/quotations/$id", params: { id: revision.id } });
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <>
      <PageHeader
        title={t("quotations.reviseTitle", { reference: quotation.reference })}
        subtitle={t("quotations.reviseSubtitle", { next: quotation.revision + 1 })}
      />
      <DocumentEditor
        kind="quotation"
        form={form}
        initialValues={{
          ...quotationValues(quotation),
          // A revision of an expired quotation needs a validity that has not passed.
          validUntil: dayjs(quotation.validUntil).isBefore(dayjs(), "day")
            ? dayjs().add(30, "day")
            : dayjs(quotation.validUntil),
        }}
        fixedCustomer={{ id: quotation.customerId, name: quotation.customerName }}
        saving={revise.isPending}
        saveLabel={t("quotations.saveRevision", { next: quotation.revision + 1 })}
        onSave={save}
        onCancel={() => void navigate({ to: "/quotations/$id", params: { id: quotation.id } })}
        notice={<Alert type="info" showIcon title={t("quotations.reviseNotice")} />}
      />
    </>
  );
}

export function ReviseQuotationPage() {
  const { id } = reviseRoute.useParams();
  const quotation = useQuotation(id);
  if (quotation.isPending) return <PageLoading />;
  if (quotation.error) return <RouteErrorPage error={quotation.error} />;
  const data = quotation.data;
  // Drafts are edited, accepted quotations converted; only the latest revision is revised.
  const revisable =
    data.latest && (data.status === "sent" || data.status === "rejected" || data.status === "expired");
  return revisable ? <Revise quotation={data} /> : <NotEditable quotation={data} />;
}
