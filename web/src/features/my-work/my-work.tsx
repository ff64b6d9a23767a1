import { PhoneOutlined, PlusOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { useMutationState } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Row,
  Skeleton,
  Space,
  Typography,
  theme,
} from "antd";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomerStageSchema } from "../../../../shared/schemas/customers";
import type { MyWork as MyWorkData, Task } from "../../../../shared/schemas/tasks";
import { CountryLabel } from "../../components/country-label";
import { errorMessage, useShowError } from "../../lib/errors";
import { dayjs, useCurrentMinute } from "../../lib/time";
import { useMe } from "../session/me-context";
import { CreateTaskDrawer } from "../tasks/create-task-drawer";
import { TaskDrawer } from "../tasks/task-drawer";
import { LinkedLabel } from "../tasks/task-table";
import { formatShortDate, formatShortDateTime, formatTime, PriorityTag } from "../tasks/task-tags";
import { type TaskUpdate, updateTaskKey, useMyWork, useUpdateTask } from "../tasks/tasks.api";
import { dayOf } from "../tasks/zoned-time";
import { QuickAddTask } from "./quick-add-task";
import { TeamSummary } from "./team-summary";

type FollowUp = MyWorkData["followUpsDue"][number];
type Group = "overdue" | "today" | "next7Days";

function TaskRow({
  task,
  group,
  completing,
  onOpen,
  onComplete,
}: {
  task: Task;
  group: Group;
  completing: boolean;
  onOpen: (id: string) => void;
  onComplete: (task: Task) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const due = task.dueAt;
  return (
    <Flex gap={8} align="flex-start" style={{ padding: "6px 0" }}>
      <Checkbox
        checked={completing}
        disabled={completing || !me.permissions.includes("tasks.write")}
        onChange={() => onComplete(task)}
        aria-label={t("myWork.complete", { title: task.title })}
        style={{ marginTop: 2 }}
      />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Button
          type="link"
          onClick={() => onOpen(task.id)}
          style={{
            padding: 0,
            height: "auto",
            whiteSpace: "normal",
            textAlign: "start",
            justifyContent: "start",
          }}
        >
          <Typography.Text delete={completing} style={{ color: "inherit" }}>
            {task.title}
          </Typography.Text>
        </Button>
        <Flex gap={6} wrap align="center" style={{ fontSize: 12 }}>
          {due ? (
            <Typography.Text type={group === "overdue" ? "danger" : "secondary"} style={{ fontSize: 12 }}>
              {/* Today only needs the hour; other days need the day too. */}
              {group === "today"
                ? formatTime(due, me.user.timeZone)
                : formatShortDateTime(due, me.user.timeZone)}
            </Typography.Text>
          ) : null}
          {task.linkedId ? (
            <Typography.Text style={{ fontSize: 12 }} ellipsis>
              <LinkedLabel task={task} />
            </Typography.Text>
          ) : null}
          {task.priority === "high" || task.priority === "urgent" ? (
            <PriorityTag priority={task.priority} />
          ) : null}
        </Flex>
      </Flex>
    </Flex>
  );
}

function FollowUpRow({ followUp, group }: { followUp: FollowUp; group: Group }) {
  const { t } = useTranslation();
  const me = useMe();
  const stage = CustomerStageSchema.safeParse(followUp.stage);
  return (
    <Flex gap={8} align="flex-start" style={{ padding: "6px 0" }}>
      <PhoneOutlined style={{ marginTop: 4 }} aria-label={t("myWork.followUp")} />
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <span>
          {t("myWork.followUpWith")}{" "}
          <Link to="/customers/$id" params={{ id: followUp.customerId }}>
            {followUp.name}
          </Link>
        </span>
        <Flex gap={6} wrap style={{ fontSize: 12 }}>
          <CountryLabel code={followUp.country} />
          {group === "today" ? null : (
            <Typography.Text type={group === "overdue" ? "danger" : "secondary"} style={{ fontSize: 12 }}>
              {formatShortDate(followUp.nextFollowUpAt, me.user.timeZone)}
            </Typography.Text>
          )}
          {stage.success ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`stages.${stage.data}`)}
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
    </Flex>
  );
}

function GroupCard({
  title,
  count,
  danger,
  empty,
  children,
}: {
  title: string;
  count: number;
  danger?: boolean;
  empty: string;
  children: ReactNode[];
}) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          <span>{title}</span>
          <Badge
            count={count}
            showZero
            color={danger && count > 0 ? token.colorError : token.colorTextQuaternary}
            overflowCount={999}
          />
        </Flex>
      }
      style={{ height: "100%" }}
      styles={{ body: { maxHeight: 460, overflowY: "auto", paddingBlock: 4 } }}
    >
      {children.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ marginBlock: 16 }} />
      ) : (
        <Flex vertical>{children}</Flex>
      )}
    </Card>
  );
}

// What a rep opens first each morning: their late, today's and this week's tasks and follow-ups.
export function MyWork() {
  const { t } = useTranslation();
  const me = useMe();
  const timeZone = me.user.timeZone;
  const navigate = useNavigate();
  const work = useMyWork();
  const update = useUpdateTask();
  const showError = useShowError();
  const [creating, setCreating] = useState(false);
  const [openTask, setOpenTask] = useState<string>();
  const today = dayjs(useCurrentMinute()).tz(timeZone).format("YYYY-MM-DD");
  // A ticked task stays, struck through, until the list no longer has it.
  const completing = new Set(
    useMutationState({
      filters: { mutationKey: updateTaskKey, status: "pending" },
      select: (mutation) => mutation.state.variables as TaskUpdate | undefined,
    }).flatMap((change) => (change?.input.status === "done" ? [change.id] : [])),
  );
  const canManage = me.user.role === "manager" || me.user.role === "admin";
  const mayWrite = me.permissions.includes("tasks.write");

  const complete = (task: Task) =>
    update.mutate({ id: task.id, input: { status: "done" } }, { onError: (error) => showError(error) });

  // A follow-up is planned for a day: it is late once that day is over, not at 09:00 of it.
  const followUpGroup = (followUp: FollowUp): Group => {
    const day = dayOf(followUp.nextFollowUpAt, timeZone);
    if (day < today) return "overdue";
    return day === today ? "today" : "next7Days";
  };

  const renderGroup = (group: Group, data: MyWorkData) => {
    const tasks = data[group];
    const followUps = data.followUpsDue.filter((followUp) => followUpGroup(followUp) === group);
    return {
      count: data.counts[group] + followUps.length,
      rows: [
        ...tasks.map((task) => (
          <TaskRow
            key={task.id}
            task={task}
            group={group}
            completing={completing.has(task.id)}
            onOpen={setOpenTask}
            onComplete={complete}
          />
        )),
        ...followUps.map((followUp) => (
          <FollowUpRow key={followUp.customerId} followUp={followUp} group={group} />
        )),
      ],
    };
  };

  const groups: { key: Group; title: string; empty: string }[] = [
    { key: "overdue", title: t("myWork.overdue"), empty: t("myWork.overdueEmpty") },
    { key: "today", title: t("myWork.today"), empty: t("myWork.todayEmpty") },
    { key: "next7Days", title: t("myWork.next7Days"), empty: t("myWork.next7DaysEmpty") },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t("myWork.title")}
        extra={
          <Space wrap>
            <Button
              icon={<UnorderedListOutlined />}
              onClick={() => void navigate({ to: "/tasks", search: { assigneeId: "me" } })}
            >
              {t("myWork.allMyTasks")}
            </Button>
            {mayWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("tasks.new")}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Flex vertical gap={12}>
          {mayWrite ? <QuickAddTask /> : null}
          {work.error ? (
            <Alert type="error" showIcon title={errorMessage(work.error, t)} />
          ) : work.data ? (
            <Row gutter={[12, 12]}>
              {groups.map(({ key, title, empty }) => {
                const { count, rows } = renderGroup(key, work.data);
                return (
                  <Col key={key} xs={24} lg={8}>
                    <section aria-label={title} style={{ height: "100%" }}>
                      <GroupCard title={title} count={count} danger={key === "overdue"} empty={empty}>
                        {rows}
                      </GroupCard>
                    </section>
                  </Col>
                );
              })}
            </Row>
          ) : (
            <Skeleton active />
          )}
        </Flex>
      </Card>
      {canManage ? <TeamSummary /> : null}
      <CreateTaskDrawer open={creating} onClose={() => setCreating(false)} />
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </Flex>
  );
}
