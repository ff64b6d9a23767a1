import {
  CarOutlined,
  EditOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
} from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Spin,
  Timeline,
  type TimelineItemProps,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  type Contact,
  CreateFollowUpInputSchema,
  type Customer,
  type TimelineEntry,
} from "../../../../shared/schemas/customers";
import { RelativeTime } from "../../components/date-time";
import { currentLocale } from "../../i18n";
import { enUS } from "../../i18n/en-US";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import { type Dayjs, dayjs, formatDate } from "../../lib/time";
import { useMe } from "../session/me-context";
import { useLogFollowUp, useTimeline } from "./customers.api";

type Values = Record<string, unknown>;
type DetailedCustomer = Customer & { contacts: Contact[] };

const ACTIVITY_ICONS: Record<ActivityType, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <TeamOutlined />,
  visit: <CarOutlined />,
  im: <MessageOutlined />,
  sample_sent: <ExperimentOutlined />,
  note: <FileTextOutlined />,
};

// A next follow-up is a day, not an instant: it is stored as 09:00 of that day in the rep's own time
// zone, so "tomorrow" stays tomorrow wherever the server runs.
const FOLLOW_UP_HOUR = "09:00";

function FollowUpComposer({ customer }: { customer: DetailedCustomer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateFollowUpInputSchema);
  const logFollowUp = useLogFollowUp(customer.id);
  const showError = useShowError();

  const submit = (values: Values) => {
    const occurredAt = values.occurredAt as Dayjs | undefined;
    const nextDay = values.nextFollowUpAt as Dayjs | undefined;
    const input = parse(form, {
      ...values,
      occurredAt: occurredAt?.toISOString(),
      nextFollowUpAt: nextDay
        ? dayjs.tz(`${nextDay.format("YYYY-MM-DD")} ${FOLLOW_UP_HOUR}`, me.user.timeZone).toISOString()
        : undefined,
    });
    if (!input) return;
    logFollowUp.mutate(input, {
      onSuccess: () => {
        void message.success(t("timeline.loggedMessage"));
        form.resetFields();
      },
      onError: (error) => showError(error, form),
    });
  };

  const presets = [
    { label: t("timeline.tomorrow"), value: dayjs().add(1, "day") },
    { label: t("timeline.inDays", { count: 3 }), value: dayjs().add(3, "day") },
    { label: t("timeline.inWeeks", { count: 1 }), value: dayjs().add(1, "week") },
    { label: t("timeline.inWeeks", { count: 2 }), value: dayjs().add(2, "week") },
    { label: t("timeline.inMonths", { count: 1 }), value: dayjs().add(1, "month") },
  ];

  return (
    <Card size="small" title={t("timeline.composerTitle")}>
      <Form name="followUp" form={form} layout="vertical" initialValues={{ type: "call" }} onFinish={submit}>
        <Form.Item name="type" {...field("type")} label={t("timeline.type")}>
          <Radio.Group
            optionType="button"
            size="small"
            options={ACTIVITY_TYPES.map((type) => ({ value: type, label: t(`activityTypes.${type}`) }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={t("timeline.summary")} {...field("summary")}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            placeholder={t("timeline.summaryPlaceholder")}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="contactId" label={t("timeline.contact")}>
              <Select
                allowClear
                placeholder={t("timeline.noContact")}
                options={customer.contacts.map((contact) => ({ value: contact.id, label: contact.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="occurredAt"
              label={t("timeline.occurredAt")}
              extra={t("timeline.occurredAtHelp")}
            >
              <DatePicker
                showTime={{ format: "HH:mm" }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(date) => date.isAfter(dayjs(), "day")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="nextFollowUpAt" label={t("customerFields.nextFollowUpAt")}>
              <DatePicker
                presets={presets}
                disabledDate={(date) => date.isBefore(dayjs(), "day")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={logFollowUp.isPending}>
          {t("timeline.log")}
        </Button>
      </Form>
    </Card>
  );
}

const FollowUpDataSchema = z.object({
  contactId: z.string().nullable().optional(),
  nextFollowUpAt: z.string().nullable().optional(),
});
const OwnershipDataSchema = z.object({
  fromUserName: z.string().nullable().optional(),
  toUserName: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
});
const ChangesSchema = z.object({ changes: z.record(z.string(), z.unknown()) });

type OwnershipKind = keyof typeof enUS.timeline.ownership;
type FieldKey = keyof typeof enUS.customerFields;

function isOwnershipKind(value: string): value is OwnershipKind {
  return Object.hasOwn(enUS.timeline.ownership, value);
}

function isActivityType(value: string): value is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(value);
}

// Ownership changes are also audited on the customer; the ownership entry already tells them.
const OWNERSHIP_AUDIT_ACTIONS = new Set(
  Object.keys(enUS.timeline.ownership).map((kind) => `customer.${kind}`),
);

function editedFields(entry: TimelineEntry, t: TFunction): string {
  const parsed = ChangesSchema.safeParse(entry.data);
  if (!parsed.success) return "";
  const fields = Object.keys(parsed.data.changes).map((key) =>
    Object.hasOwn(enUS.customerFields, key) ? t(`customerFields.${key as FieldKey}`) : key,
  );
  return new Intl.ListFormat(currentLocale(), { type: "conjunction" }).format(fields);
}

function entryItem(
  entry: TimelineEntry,
  customer: DetailedCustomer,
  t: TFunction,
  timeZone: string,
): TimelineItemProps {
  const who = entry.actorName ?? t("audit.system");
  const header = (label: ReactNode) => (
    <Flex gap={8} wrap align="baseline">
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Text type="secondary">
        {who} · <RelativeTime value={entry.at} />
      </Typography.Text>
    </Flex>
  );

  if (entry.kind === "follow_up") {
    const data = FollowUpDataSchema.safeParse(entry.data ?? {});
    const contact = data.success ? customer.contacts.find((c) => c.id === data.data.contactId) : undefined;
    const next = data.success ? data.data.nextFollowUpAt : undefined;
    const type = isActivityType(entry.type) ? entry.type : "note";
    return {
      key: entry.id,
      color: "blue",
      icon: ACTIVITY_ICONS[type],
      content: (
        <Flex vertical gap={2}>
          {header(
            contact
              ? t("timeline.followUpWith", { type: t(`activityTypes.${type}`), contact: contact.name })
              : t(`activityTypes.${type}`),
          )}
          <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>
            {entry.summary}
          </Typography.Paragraph>
          {next ? (
            <Typography.Text type="secondary">
              {t("timeline.nextFollowUp", { date: formatDate(next, timeZone) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    };
  }

  if (entry.kind === "ownership") {
    const data = OwnershipDataSchema.safeParse(entry.data ?? {});
    const from = (data.success && data.data.fromUserName) || t("customers.publicPool");
    const to = (data.success && data.data.toUserName) || t("customers.publicPool");
    const reason = data.success ? data.data.reason : undefined;
    return {
      key: entry.id,
      color: "orange",
      icon: <SwapOutlined />,
      content: (
        <Flex vertical gap={2}>
          {header(
            isOwnershipKind(entry.type) ? t(`timeline.ownership.${entry.type}`, { from, to }) : entry.summary,
          )}
          {reason ? (
            <Typography.Text type="secondary">{t("timeline.reason", { reason })}</Typography.Text>
          ) : null}
        </Flex>
      ),
    };
  }

  if (entry.kind === "contact") {
    const name = z.object({ changes: z.object({ name: z.string() }) }).safeParse(entry.data);
    return {
      key: entry.id,
      color: "green",
      icon: <UserAddOutlined />,
      content: header(
        name.success
          ? t("timeline.contactAdded", { name: name.data.changes.name })
          : t("timeline.contactAddedPlain"),
      ),
    };
  }

  const collaborators = entry.type === "customer.collaborators_changed";
  return {
    key: entry.id,
    color: "gray",
    icon: <EditOutlined />,
    content: header(
      collaborators
        ? t("timeline.collaboratorsChanged")
        : t("timeline.edited", { fields: editedFields(entry, t) }),
    ),
  };
}

export function TimelineTab({ customer, canWork }: { customer: DetailedCustomer; canWork: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const timeline = useTimeline(customer.id);
  const entries = (timeline.data ?? []).filter(
    (entry) => !(entry.kind === "edit" && OWNERSHIP_AUDIT_ACTIONS.has(entry.type)),
  );
  return (
    <Flex vertical gap={16}>
      {canWork ? <FollowUpComposer customer={customer} /> : null}
      {timeline.isPending ? (
        <Spin />
      ) : entries.length === 0 ? (
        <Empty description={t("timeline.empty")} />
      ) : (
        <Timeline items={entries.map((entry) => entryItem(entry, customer, t, me.user.timeZone))} />
      )}
    </Flex>
  );
}
