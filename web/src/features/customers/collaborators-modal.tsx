import { App, Form, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { can } from "../../../../shared/permissions";
import type { Customer } from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useAllUsers } from "../users/users.api";
import { useUpdateCollaborators } from "./customers.api";

// Collaborators see and work the customer in full beside its owner (a colleague handling samples,
// a second rep on a big account); the owner stays the one the pool clock counts for.
export function CollaboratorsModal({
  open,
  customer,
  onClose,
}: {
  open: boolean;
  customer: Customer;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ collaboratorIds: string[] }>();
  const users = useAllUsers();
  const update = useUpdateCollaborators(customer.id);
  const showError = useShowError();
  const candidates = (users.data?.items ?? []).filter(
    (user) =>
      user.id !== customer.ownerId &&
      can(user.role, "customers.write") &&
      // A deactivated colleague already on the list must still show, so they can be removed.
      (user.active || customer.collaboratorIds.includes(user.id)),
  );

  const submit = ({ collaboratorIds }: { collaboratorIds: string[] }) => {
    const add = collaboratorIds.filter((id) => !customer.collaboratorIds.includes(id));
    const remove = customer.collaboratorIds.filter((id) => !collaboratorIds.includes(id));
    if (add.length === 0 && remove.length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { add, remove },
      {
        onSuccess: () => {
          void message.success(t("customerDetail.collaboratorsSaved"));
          onClose();
        },
        onError: (error) => showError(error, form, { add: "collaboratorIds", remove: "collaboratorIds" }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("customerDetail.collaboratorsTitle", { name: customer.name })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <p>{t("customerDetail.collaboratorsHelp")}</p>
      <Form
        name="collaborators"
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={{ collaboratorIds: customer.collaboratorIds }}
        onFinish={submit}
      >
        <Form.Item label={t("customerFields.collaborators")} name="collaboratorIds">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            loading={users.isPending}
            options={candidates.map((user) => ({ value: user.id, label: user.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
