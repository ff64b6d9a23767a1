import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../../../../shared/permissions";
import { type Customer, ReleaseInputSchema, TransferInputSchema } from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { useAllUsers } from "../users/users.api";
import { useReleaseCustomer, useTransferCustomer } from "./pool.api";

type Values = Record<string, unknown>;
type ModalProps = { open: boolean; customer: Customer; onClose: () => void };

export function ReleaseModal({ open, customer, onClose }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(ReleaseInputSchema);
  const release = useReleaseCustomer(customer.id);
  const showError = useShowError();

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    release.mutate(input.reason, {
      onSuccess: () => {
        void message.success(t("pool.releasedMessage", { name: customer.name }));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("pool.releaseTitle", { name: customer.name })}
      okText={t("pool.release")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={release.isPending}
      destroyOnHidden
    >
      <p>{t("pool.releaseHelp")}</p>
      <Form name="release" clearOnDestroy form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("pool.reason")} name="reason" {...field("reason")}>
          <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t("pool.releaseReasonPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransferModal({ open, customer, onClose }: ModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(TransferInputSchema);
  const transfer = useTransferCustomer(customer.id);
  const users = useAllUsers();
  const showError = useShowError();
  const candidates = (users.data?.items ?? []).filter(
    (user) => user.active && user.id !== customer.ownerId && can(user.role, "customers.write"),
  );

  const submit = (values: Values) => {
    const input = parse(form, values);
    if (!input) return;
    transfer.mutate(input, {
      onSuccess: (updated) => {
        void message.success(
          t("pool.transferredMessage", { name: customer.name, owner: updated.ownerName ?? t("common.none") }),
        );
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("pool.transferTitle", { name: customer.name })}
      okText={t("pool.transfer")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transfer.isPending}
      destroyOnHidden
    >
      <Form name="transfer" clearOnDestroy form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("pool.transferTo")} name="toUserId" {...field("toUserId")}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            loading={users.isPending}
            options={candidates.map((user) => ({
              value: user.id,
              label: `${user.name} (${t(`roles.${user.role}`)})`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t("pool.reason")} name="reason" {...field("reason")}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
