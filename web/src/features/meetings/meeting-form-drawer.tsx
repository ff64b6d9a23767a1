import { App, Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Row } from "antd";
import { useTranslation } from "react-i18next";
import {
  type CreateMeetingInput,
  CreateMeetingInputSchema,
  type MeetingDetail,
} from "../../../../shared/schemas/meetings";
import { useShowError } from "../../lib/errors";
import { useSchemaForm } from "../../lib/schema-form";
import type { Dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { CustomerSelect } from "../tasks/customer-select";
import { UserSelect } from "../tasks/user-select";
import { fromPickerValue, pickerNow, toPickerValue } from "../tasks/zoned-time";
import { useCreateMeeting, useUpdateMeeting } from "./meetings.api";

type Values = Record<string, unknown>;

const DEFAULT_MINUTES = 60;

function initialValues(meeting: MeetingDetail | undefined, timeZone: string, me: string): Values {
  if (!meeting) {
    return {
      // The next full hour: the usual slot for a meeting planned now.
      startsAt: pickerNow(timeZone).add(1, "hour").startOf("hour"),
      durationMinutes: DEFAULT_MINUTES,
      attendeeIds: [me],
      customerIds: [],
    };
  }
  return {
    title: meeting.title,
    startsAt: toPickerValue(meeting.startsAt, timeZone),
    durationMinutes: meeting.durationMinutes,
    location: meeting.location ?? undefined,
    onlineUrl: meeting.onlineUrl ?? undefined,
    attendeeIds: meeting.attendees.map((attendee) => attendee.id),
    customerIds: meeting.customers.map((customer) => customer.id),
    agenda: meeting.agenda ?? undefined,
    minutes: meeting.minutes ?? undefined,
  };
}

// Schedules a meeting, or (given one) edits it: its time, people, customers, agenda and minutes.
export function MeetingFormDrawer({
  open,
  meeting,
  onClose,
  onSaved,
}: {
  open: boolean;
  meeting?: MeetingDetail;
  onClose: () => void;
  onSaved?: (meeting: MeetingDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const timeZone = me.user.timeZone;
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { field, parse } = useSchemaForm(CreateMeetingInputSchema);
  const create = useCreateMeeting();
  const update = useUpdateMeeting(meeting?.id ?? "");
  const showError = useShowError();
  const pending = create.isPending || update.isPending;

  const done = (saved: MeetingDetail) => {
    void message.success(
      t(meeting ? "meetings.savedMessage" : "meetings.createdMessage", { title: saved.title }),
    );
    onClose();
    onSaved?.(saved);
  };

  const submit = (values: Values) => {
    const startsAt = values.startsAt as Dayjs | null | undefined;
    const input: CreateMeetingInput | undefined = parse(form, {
      ...values,
      startsAt: startsAt ? fromPickerValue(startsAt, timeZone) : undefined,
    });
    if (!input) return;
    const onError = (error: unknown) => showError(error, form);
    if (!meeting) {
      create.mutate(input, { onSuccess: done, onError });
      return;
    }
    // An emptied field is cleared on the server, not left as it was.
    update.mutate(
      {
        ...input,
        location: input.location ?? null,
        onlineUrl: input.onlineUrl ?? null,
        agenda: input.agenda ?? null,
        minutes: input.minutes ?? null,
      },
      { onSuccess: done, onError },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={meeting ? t("meetings.editTitle", { title: meeting.title }) : t("meetings.new")}
      size={screens.md === false ? "100%" : 640}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()}>
            {meeting ? t("common.save") : t("common.create")}
          </Button>
        </Flex>
      }
    >
      <Form
        name="meeting"
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={initialValues(meeting, timeZone, me.user.id)}
        onFinish={submit}
      >
        <Form.Item label={t("meetingFields.title")} name="title" {...field("title")}>
          <Input autoFocus placeholder={t("meetings.titlePlaceholder")} maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              label={t("meetingFields.startsAt")}
              name="startsAt"
              extra={t("tasks.timeZoneHint", { timeZone })}
              required
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <DatePicker
                showTime={{ format: "HH:mm", minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              label={t("meetingFields.duration")}
              name="durationMinutes"
              {...field("durationMinutes")}
            >
              <InputNumber
                min={5}
                max={24 * 60}
                step={15}
                precision={0}
                suffix={t("meetings.minutes")}
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item label={t("meetingFields.location")} name="location" {...field("location")}>
              <Input placeholder={t("meetings.locationPlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t("meetingFields.onlineUrl")} name="onlineUrl" {...field("onlineUrl")}>
              <Input placeholder="https://" inputMode="url" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t("meetingFields.attendees")} name="attendeeIds" {...field("attendeeIds")}>
          <UserSelect mode="multiple" />
        </Form.Item>
        {me.permissions.includes("customers.read") ? (
          <Form.Item
            label={t("meetingFields.customers")}
            name="customerIds"
            extra={t("meetings.customersHelp")}
            {...field("customerIds")}
          >
            <CustomerSelect mode="multiple" known={meeting?.customers ?? []} />
          </Form.Item>
        ) : null}
        <Form.Item label={t("meetingFields.agenda")} name="agenda" {...field("agenda")}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            placeholder={t("meetings.agendaPlaceholder")}
          />
        </Form.Item>
        <Form.Item
          label={t("meetingFields.minutes")}
          name="minutes"
          extra={t("meetings.minutesHelp")}
          {...field("minutes")}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 20 }}
            placeholder={t("meetings.minutesPlaceholder")}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
