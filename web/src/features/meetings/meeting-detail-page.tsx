import { DownloadOutlined, EditOutlined, EnvironmentOutlined, LinkOutlined } from "@ant-design/icons";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import {
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Empty,
  Flex,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingDetail } from "../../../../shared/schemas/meetings";
import type { Task } from "../../../../shared/schemas/tasks";
import { RecordPage } from "../../components/status-pages";
import { useMe } from "../session/me-context";
import { TaskDrawer } from "../tasks/task-drawer";
import { TaskTitle } from "../tasks/task-table";
import { DueLabel, StatusTag } from "../tasks/task-tags";
import { ActionItemsForm } from "./action-items-form";
import { MeetingFormDrawer } from "./meeting-form-drawer";
import { KindTag, MeetingTime } from "./meeting-parts";
import { meetingIcsUrl, useMeeting } from "./meetings.api";

const route = getRouteApi("/app/meetings/$id");

// Agenda and minutes are Markdown source; shown as written (line breaks kept), never as HTML.
function MarkdownText({ text, empty }: { text: string | null; empty: string }) {
  return text ? (
    <Typography.Paragraph style={{ margin: 0, whiteSpace: "pre-wrap" }}>{text}</Typography.Paragraph>
  ) : (
    <Typography.Text type="secondary">{empty}</Typography.Text>
  );
}

function ActionItems({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [openTask, setOpenTask] = useState<string>();
  const columns: TableColumnsType<Task> = [
    {
      title: t("taskFields.title"),
      key: "title",
      render: (_, task) => <TaskTitle task={task} onOpen={setOpenTask} />,
    },
    { title: t("taskFields.assignee"), key: "assignee", render: (_, task) => task.assigneeName ?? "—" },
    {
      title: t("taskFields.dueAt"),
      key: "due",
      render: (_, task) => <DueLabel dueAt={task.dueAt} overdue={task.overdue} />,
    },
    { title: t("taskFields.status"), key: "status", render: (_, task) => <StatusTag status={task.status} /> },
  ];
  return (
    <Card title={t("meetings.actionItems")}>
      {meeting.actionItems.length > 0 ? (
        <Table<Task>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={meeting.actionItems}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("meetings.noActionItems")} />
      )}
      {meeting.canEdit && me.permissions.includes("meetings.write") ? (
        <>
          <Divider titlePlacement="start">{t("meetings.turnIntoTasks")}</Divider>
          <ActionItemsForm meeting={meeting} />
        </>
      ) : null}
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </Card>
  );
}

function MeetingView({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const canEdit = meeting.canEdit && me.permissions.includes("meetings.write");
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Flex vertical gap={6}>
            <Space wrap>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {meeting.title}
              </Typography.Title>
              <KindTag kind={meeting.kind} />
            </Space>
            <MeetingTime meeting={meeting} />
          </Flex>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={meetingIcsUrl(meeting.id)} download>
              {t("meetings.downloadIcs")}
            </Button>
            {canEdit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t("common.edit")}
              </Button>
            ) : null}
          </Space>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card title={t("meetingFields.agenda")}>
              <MarkdownText text={meeting.agenda} empty={t("meetings.noAgenda")} />
            </Card>
            <Card title={t("meetingFields.minutes")}>
              <MarkdownText text={meeting.minutes} empty={t("meetings.noMinutes")} />
            </Card>
            <ActionItems meeting={meeting} />
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t("meetings.details")}>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: "location",
                  label: t("meetingFields.location"),
                  children: meeting.location ? (
                    <span>
                      <EnvironmentOutlined /> {meeting.location}
                    </span>
                  ) : (
                    "—"
                  ),
                },
                {
                  key: "online",
                  label: t("meetingFields.onlineUrl"),
                  children: meeting.onlineUrl ? (
                    <a href={meeting.onlineUrl} target="_blank" rel="noopener noreferrer">
                      <LinkOutlined /> {t("meetings.join")}
                    </a>
                  ) : (
                    "—"
                  ),
                },
                {
                  key: "organiser",
                  label: t("meetingFields.organiser"),
                  children: meeting.createdByName ?? "—",
                },
                {
                  key: "attendees",
                  label: t("meetingFields.attendees"),
                  children: (
                    <Flex gap={4} wrap>
                      {meeting.attendees.map((attendee) => (
                        <Tag key={attendee.id}>{attendee.name ?? attendee.id.slice(0, 8)}</Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  key: "customers",
                  label: t("meetingFields.customers"),
                  children:
                    meeting.customers.length > 0 ? (
                      <Flex vertical gap={2}>
                        {meeting.customers.map((customer) => (
                          <Link key={customer.id} to="/customers/$id" params={{ id: customer.id }}>
                            {customer.name ?? customer.id.slice(0, 8)}
                          </Link>
                        ))}
                      </Flex>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {canEdit ? (
        <MeetingFormDrawer open={editing} meeting={meeting} onClose={() => setEditing(false)} />
      ) : null}
    </Flex>
  );
}

export function MeetingDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = route.useParams();
  const meeting = useMeeting(id);
  return (
    <RecordPage
      query={meeting}
      notFound={{
        title: t("meetings.notFoundTitle"),
        subTitle: t("meetings.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/meetings", search: {} })}>
            {t("meetings.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => <MeetingView meeting={record} />}
    </RecordPage>
  );
}
