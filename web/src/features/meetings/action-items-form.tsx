import { DeleteOutlined, FileTextOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, DatePicker, Flex, Form, Input, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MeetingDetail } from "../../../../shared/schemas/meetings";
import { useShowError } from "../../lib/errors";
import type { Dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { useDuePresets } from "../tasks/due-presets";
import { UserSelect } from "../tasks/user-select";
import { fromPickerValue } from "../tasks/zoned-time";
import { actionItemsFromMinutes } from "./action-items";
import { useAddActionItems } from "./meetings.api";

type ItemRow = { title?: string; assigneeId?: string; dueAt?: Dayjs | null };
type Values = { items: ItemRow[] };

// The minutes' action items not yet turned into tasks, as rows to complete; one empty row otherwise.
function rowsFromMinutes(meeting: MeetingDetail): ItemRow[] {
  const existing = new Set(meeting.actionItems.map((task) => task.title.trim().toLowerCase()));
  const titles = actionItemsFromMinutes(meeting.minutes ?? "").filter(
    (title) => !existing.has(title.toLowerCase()),
  );
  return titles.length > 0 ? titles.map((title) => ({ title })) : [{}];
}

// Rows of title, assignee and due date that become the meeting's tasks in one step (all or none).
export function ActionItemsForm({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const add = useAddActionItems(meeting.id);
  const showError = useShowError();
  const presets = useDuePresets();
  const rows = Form.useWatch("items", form) ?? [];
  const filled = rows.filter((row) => row?.title?.trim()).length;

  const submit = ({ items }: Values) => {
    // Rows without a title are the spare ones: left out.
    const wanted = items.filter((row) => row.title?.trim());
    if (wanted.length === 0) return;
    add.mutate(
      {
        items: wanted.map((row) => ({
          title: row.title?.trim() ?? "",
          assigneeId: row.assigneeId ?? "",
          dueAt: row.dueAt ? fromPickerValue(row.dueAt, me.user.timeZone) : undefined,
        })),
      },
      {
        onSuccess: (tasks) => {
          void message.success(t("meetings.actionItemsCreated", { count: tasks.length }));
          form.setFieldsValue({ items: [{}] });
        },
        onError: (error) => showError(error, form),
      },
    );
  };

  return (
    <Form
      form={form}
      name="actionItems"
      initialValues={{ items: rowsFromMinutes(meeting) }}
      onFinish={submit}
    >
      <Typography.Paragraph type="secondary">{t("meetings.actionItemsHelp")}</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add: addRow, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((row, index) => (
              <Row key={row.key} gutter={8} wrap align="top">
                <Col xs={24} md={10}>
                  <Form.Item name={[row.name, "title"]} style={{ marginBottom: 0 }}>
                    <Input
                      placeholder={t("meetings.actionItemTitle")}
                      aria-label={t("meetings.actionItemNumbered", { number: index + 1 })}
                      maxLength={300}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={[row.name, "assigneeId"]}
                    style={{ marginBottom: 0 }}
                    dependencies={[["items", row.name, "title"]]}
                    rules={[
                      ({ getFieldValue }) => ({
                        // Only a row that will become a task needs someone to do it.
                        required: Boolean(getFieldValue(["items", row.name, "title"])?.trim()),
                        message: t("meetings.assigneeRequired"),
                      }),
                    ]}
                  >
                    <UserSelect
                      placeholder={t("taskFields.assignee")}
                      aria-label={t("meetings.actionItemAssignee", { number: index + 1 })}
                    />
                  </Form.Item>
                </Col>
                <Col xs={10} md={7}>
                  <Form.Item name={[row.name, "dueAt"]} style={{ marginBottom: 0 }}>
                    <DatePicker
                      showTime={{ format: "HH:mm", minuteStep: 5 }}
                      format="YYYY-MM-DD HH:mm"
                      presets={presets}
                      placeholder={t("taskFields.dueAt")}
                      aria-label={t("meetings.actionItemDue", { number: index + 1 })}
                      style={{ width: "100%" }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={2} md={1}>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t("tasks.removeItem")}
                    disabled={fields.length === 1}
                    onClick={() => remove(row.name)}
                  />
                </Col>
              </Row>
            ))}
            <Flex gap={8} wrap>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => addRow({})}>
                {t("meetings.addActionItem")}
              </Button>
              {meeting.minutes ? (
                <Button
                  icon={<FileTextOutlined />}
                  onClick={() => form.setFieldsValue({ items: rowsFromMinutes(meeting) })}
                >
                  {t("meetings.fromMinutes")}
                </Button>
              ) : null}
              <Button type="primary" htmlType="submit" loading={add.isPending} disabled={filled === 0}>
                {t("meetings.createTasks", { count: filled })}
              </Button>
            </Flex>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
