import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { ApproveInputSchema, RejectInputSchema } from "../../../../shared/schemas/orders";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useApproveOrder, useRejectOrder } from "../orders/orders.api";

type Target = { orderId: string; orderNumber: string };
type Values = Record<string, unknown>;

// Approving confirms the order (and reserves its stock); a note for the rep is optional.
export function ApproveModal({ target, onClose }: { target: Target | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(ApproveInputSchema);
  const approve = useApproveOrder();
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input || !target) return;
    approve.mutate(
      { id: target.orderId, note: input.note },
      {
        onSuccess: () => {
          void message.success(t("approvals.approvedMessage", { number: target.orderNumber }));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Modal
      open={target !== undefined}
      title={t("approvals.approveTitle", { number: target?.orderNumber ?? "" })}
      okText={t("approvals.approve")}
      okButtonProps={{ loading: approve.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" clearOnDestroy onFinish={submit}>
        <Form.Item label={t("approvals.note")} name="note" extra={t("approvals.noteHelp")} {...field("note")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Rejecting returns the order to draft; the rep needs to know why, so the reason is required.
export function RejectModal({ target, onClose }: { target: Target | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(RejectInputSchema);
  const reject = useRejectOrder();
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input || !target) return;
    reject.mutate(
      { id: target.orderId, reason: input.reason },
      {
        onSuccess: () => {
          void message.success(t("approvals.rejectedMessage", { number: target.orderNumber }));
          onClose();
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Modal
      open={target !== undefined}
      title={t("approvals.rejectTitle", { number: target?.orderNumber ?? "" })}
      okText={t("approvals.reject")}
      okButtonProps={{ danger: true, loading: reject.isPending }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" clearOnDestroy onFinish={submit}>
        <Form.Item
          label={t("approvals.reason")}
          name="reason"
          extra={t("approvals.reasonHelp")}
          {...field("reason")}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
