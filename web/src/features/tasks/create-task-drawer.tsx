import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, Radio, Row } from "antd";
import { useTranslation } from "react-i18next";
import { CreateTaskInputSchema, type Recurrence, TASK_PRIORITIES } from "../../../../shared/schemas/tasks";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import type { Dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { CustomerSelect } from "./customer-select";
import { useDuePresets } from "./due-presets";
import { RecurrenceEditor } from "./recurrence-editor";
import { useCreateTask } from "./tasks.api";
import { UserSelect } from "./user-select";
import { fromPickerValue } from "./zoned-time";

type Values = Record<string, unknown>;
type Named = { id: string; name: string };

export function CreateTaskDrawer({
  open,
  onClose,
  customer,
}: {
  open: boolean;
  onClose: () => void;
  // Opened from a customer: the task hangs on it, and the field is fixed.
  customer?: Named;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateTaskInputSchema);
  const createTask = useCreateTask();
  const showError = useShowError();
  const presets = useDuePresets();
  const due = Form.useWatch("dueAt", form) as Dayjs | null | undefined;
  const linksCustomers = me.permissions.includes("customers.read");

  const submit = (values: Values) => {
    const dueAt = values.dueAt as Dayjs | null | undefined;
    const checklist = (values.checklist as { text?: string }[] | undefined) ?? [];
    const watcherIds = (values.watcherIds as string[] | undefined) ?? [];
    const input = parse(form, {
      ...values,
      dueAt: dueAt ? fromPickerValue(dueAt, me.user.timeZone) : undefined,
      // Empty rows are the ones the user added and did not fill in: leave them out.
      checklist: checklist.filter((item) => item.text?.trim()).map((item) => ({ text: item.text })),
      watcherIds: watcherIds.length > 0 ? watcherIds : undefined,
      recurrence: (values.recurrence as Recurrence | null | undefined) ?? undefined,
    });
    if (!input) return;
    createTask.mutate(input, {
      onSuccess: (task) => {
        void message.success(t("tasks.createdMessage", { title: task.title }));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={customer ? t("tasks.newForCustomer", { name: customer.name }) : t("tasks.new")}
      size={screens.md === false ? "100%" : 600}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={createTask.isPending} onClick={() => form.submit()}>
            {t("common.create")}
          </Button>
        </Flex>
      }
    >
      <Form
        name="createTask"
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={{ assigneeId: me.user.id, priority: "normal", customerId: customer?.id }}
        onFinish={submit}
        // Repeating needs a due date to repeat from: clearing the date ends the rule too.
        onValuesChange={(changed: Values) => {
          if ("dueAt" in changed && !changed.dueAt) form.setFieldValue("recurrence", null);
        }}
      >
        <Form.Item label={t("taskFields.title")} name="title" {...field("title")}>
          <Input autoFocus placeholder={t("tasks.titlePlaceholder")} maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t("taskFields.assignee")} name="assigneeId" {...field("assigneeId")}>
              <UserSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t("taskFields.dueAt")}
              name="dueAt"
              extra={t("tasks.timeZoneHint", { timeZone: me.user.timeZone })}
            >
              <DatePicker
                showTime={{ format: "HH:mm", minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                presets={presets}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t("taskFields.priority")} name="priority" {...field("priority")}>
          <Radio.Group
            optionType="button"
            options={TASK_PRIORITIES.map((priority) => ({
              value: priority,
              label: t(`taskPriorities.${priority}`),
            }))}
          />
        </Form.Item>
        {linksCustomers ? (
          <Form.Item label={t("taskFields.customer")} name="customerId" {...field("customerId")}>
            <CustomerSelect disabled={customer !== undefined} known={customer ? [customer] : []} />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t("taskFields.watchers")}
          name="watcherIds"
          extra={t("tasks.watchersHelp")}
          {...field("watcherIds")}
        >
          <UserSelect mode="multiple" />
        </Form.Item>
        <Form.Item label={t("taskFields.description")} name="description" {...field("description")}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            placeholder={t("tasks.descriptionPlaceholder")}
          />
        </Form.Item>
        <Form.Item label={t("taskFields.checklist")}>
          <Form.List name="checklist">
            {(items, { add, remove }) => (
              <Flex vertical gap={8}>
                {items.map((item, index) => (
                  <Flex key={item.key} gap={8}>
                    <Form.Item name={[item.name, "text"]} noStyle>
                      <Input
                        aria-label={t("tasks.checklistItem", { number: index + 1 })}
                        placeholder={t("tasks.checklistPlaceholder")}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t("tasks.removeItem")}
                      onClick={() => remove(item.name)}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: "" })}>
                  {t("tasks.addChecklistItem")}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          label={t("taskFields.recurrence")}
          name="recurrence"
          extra={due ? t("recurrence.help") : t("recurrence.needsDue")}
        >
          <RecurrenceEditor anchor={due} disabled={!due} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
