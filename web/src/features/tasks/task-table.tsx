import { CheckSquareOutlined, SyncOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Button, Flex, Table, type TableColumnsType, Tooltip, Typography } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TASK_SORTS, Task } from "../../../../shared/schemas/tasks";
import { RelativeTime } from "../../components/date-time";
import { recurrenceSummary } from "./recurrence-editor";
import { DueLabel, PriorityTag, StatusTag } from "./task-tags";

type Sort = (typeof TASK_SORTS)[number];
type SortField = "dueAt" | "priority" | "updatedAt";

function sortOrder(sort: Sort | undefined, field: SortField) {
  if (sort === field) return "ascend" as const;
  if (sort === `-${field}`) return "descend" as const;
  return null;
}

// What a task hangs on, as a link: its customer or its meeting.
export function LinkedLabel({ task }: { task: Task }) {
  if (!task.linkedId) return <Typography.Text type="secondary">—</Typography.Text>;
  const name = task.linkedName ?? task.linkedId.slice(0, 8);
  return task.linkedType === "meeting" ? (
    <Link to="/meetings/$id" params={{ id: task.linkedId }}>
      {name}
    </Link>
  ) : (
    <Link to="/customers/$id" params={{ id: task.linkedId }}>
      {name}
    </Link>
  );
}

// The title opens the task; small marks say it repeats or has a checklist.
export function TaskTitle({ task, onOpen }: { task: Task; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const done = task.checklist.filter((item) => item.done).length;
  return (
    <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
      <Button
        type="link"
        onClick={() => onOpen(task.id)}
        style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "start" }}
      >
        <Typography.Text delete={task.status === "cancelled"} style={{ color: "inherit" }}>
          {task.title}
        </Typography.Text>
      </Button>
      {task.recurrence ? (
        <Tooltip title={recurrenceSummary(task.recurrence, t)}>
          <SyncOutlined aria-label={t("taskFields.recurrence")} />
        </Tooltip>
      ) : null}
      {task.checklist.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <CheckSquareOutlined /> {done}/{task.checklist.length}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

type Props = {
  items: Task[] | undefined;
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  sort: Sort | undefined;
  onChange: (patch: { sort?: Sort; page?: number }) => void;
  onOpen: (id: string) => void;
  empty: ReactNode;
  // On a customer's page every task is that customer's: the column would repeat its name.
  showLinked?: boolean;
};

export function TaskTable({
  items,
  total,
  page,
  pageSize,
  loading,
  sort,
  onChange,
  onOpen,
  empty,
  showLinked = true,
}: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Task> = [
    {
      title: t("taskFields.title"),
      key: "title",
      render: (_, task) => <TaskTitle task={task} onOpen={onOpen} />,
    },
    { title: t("taskFields.status"), key: "status", render: (_, task) => <StatusTag status={task.status} /> },
    {
      title: t("taskFields.priority"),
      key: "priority",
      sorter: true,
      sortOrder: sortOrder(sort, "priority"),
      render: (_, task) => <PriorityTag priority={task.priority} />,
    },
    { title: t("taskFields.assignee"), key: "assignee", render: (_, task) => task.assigneeName ?? "—" },
    {
      title: t("taskFields.dueAt"),
      key: "dueAt",
      sorter: true,
      sortOrder: sortOrder(sort, "dueAt"),
      render: (_, task) => <DueLabel dueAt={task.dueAt} overdue={task.overdue} />,
    },
    ...(showLinked
      ? [
          {
            title: t("taskFields.linked"),
            key: "linked",
            render: (_: unknown, task: Task) => <LinkedLabel task={task} />,
          },
        ]
      : []),
    {
      title: t("taskFields.updatedAt"),
      key: "updatedAt",
      sorter: true,
      sortOrder: sortOrder(sort, "updatedAt"),
      render: (_, task) => <RelativeTime value={task.updatedAt} />,
    },
  ];

  return (
    <Table<Task>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: empty }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false,
        hideOnSinglePage: true,
        showTotal: (count) => t("tasks.total", { count }),
      }}
      onChange={(pagination, _filters, sorter) => {
        const { columnKey, order } = sorter as SorterResult<Task>;
        const field =
          columnKey === "dueAt" || columnKey === "priority" || columnKey === "updatedAt"
            ? columnKey
            : undefined;
        const nextSort: Sort | undefined =
          field && order ? (order === "descend" ? `-${field}` : field) : undefined;
        if (nextSort !== sort) onChange({ sort: nextSort, page: undefined });
        else if (pagination.current !== page) onChange({ page: pagination.current });
      }}
    />
  );
}
