import { DeleteOutlined, DownOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Dropdown, Flex, Form, Input, type MenuProps, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateSavedViewSchema } from "../../../../shared/schemas/customers";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import {
  type CustomersSearch,
  CustomersSearchSchema,
  type SavedView,
  useCreateSavedView,
  useDeleteSavedView,
  useSavedViews,
} from "./customers.api";

function SaveViewModal({
  open,
  filters,
  onClose,
}: {
  open: boolean;
  filters: CustomersSearch;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { field, parse } = useSchemaForm(CreateSavedViewSchema);
  const createView = useCreateSavedView();
  const showError = useShowError();

  const submit = (values: Record<string, unknown>) => {
    const input = parse(form, { ...values, filters });
    if (!input) return;
    createView.mutate(input, {
      onSuccess: (view) => {
        void message.success(t("savedViews.savedMessage", { name: view.name }));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Modal
      open={open}
      title={t("savedViews.save")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createView.isPending}
      destroyOnHidden
    >
      <Form name="savedView" clearOnDestroy form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          label={t("savedViews.name")}
          name="name"
          extra={t("savedViews.nameHelp")}
          {...field("name")}
        >
          <Input placeholder={t("savedViews.namePlaceholder")} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Pick one of my saved filter sets, save the current one, or delete one.
export function SavedViews({
  search,
  onApply,
}: {
  search: CustomersSearch;
  onApply: (search: CustomersSearch) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const views = useSavedViews();
  const deleteView = useDeleteSavedView();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  // A view holds the filters, the scope and the sort, never the page the user happened to be on.
  const { page: _page, ...filters } = search;

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t("savedViews.deleteConfirm", { name: view.name }),
      okText: t("savedViews.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        deleteView.mutateAsync(view.id).then(
          () => message.success(t("savedViews.deletedMessage", { name: view.name })),
          (error: unknown) => showError(error),
        ),
    });

  const items: MenuProps["items"] = [
    ...(views.data ?? []).map((view) => ({
      key: view.id,
      label: (
        <Flex justify="space-between" align="center" gap={16}>
          <span>{view.name}</span>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t("savedViews.deleteNamed", { name: view.name })}
            onClick={(event) => {
              // The click deletes; it must not also apply the view it sits in.
              event.stopPropagation();
              confirmDelete(view);
            }}
          />
        </Flex>
      ),
      onClick: () => onApply(CustomersSearchSchema.parse(view.filters)),
    })),
    ...(views.data?.length ? [{ type: "divider" as const }] : []),
    ...(views.data?.length === 0 ? [{ key: "empty", disabled: true, label: t("savedViews.empty") }] : []),
    {
      key: "save",
      icon: <SaveOutlined />,
      label: t("savedViews.saveCurrent"),
      onClick: () => setSaving(true),
    },
  ];

  return (
    <>
      <Dropdown trigger={["click"]} menu={{ items }}>
        <Button loading={views.isPending}>
          {t("savedViews.title")} <DownOutlined />
        </Button>
      </Dropdown>
      <SaveViewModal open={saving} filters={filters} onClose={() => setSaving(false)} />
    </>
  );
}
