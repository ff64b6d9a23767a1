import { AppstoreOutlined, ClearOutlined, PlusOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { getRouteApi } from "@tanstack/react-router";
import { Button, Checkbox, DatePicker, Empty, Flex, Input, Segmented, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { TASK_PRIORITIES, TASK_STATUSES } from "../../../../shared/schemas/tasks";
import { PageHeader } from "../../components/page-header";
import { dayjs } from "../../lib/time";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { CreateTaskDrawer } from "./create-task-drawer";
import { CustomerSelect } from "./customer-select";
import { TaskBoard } from "./task-board";
import { TaskDrawer } from "./task-drawer";
import { TaskTable } from "./task-table";
import { statusesOf, TASKS_PAGE_SIZE, type TaskQuery, type TasksSearch, useTaskList } from "./tasks.api";

const route = getRouteApi("/app/tasks");

// Filters a user clears; the view, sorting and paging are not among them.
const FILTER_KEYS = [
  "q",
  "assigneeId",
  "status",
  "priority",
  "overdue",
  "customerId",
  "from",
  "to",
] as const satisfies readonly (keyof TasksSearch)[];

function SearchBox({ value, onCommit }: { value: string | undefined; onCommit: (value?: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? "");
  // Back/forward navigation changes the URL under the box; follow it.
  useEffect(() => setText(value ?? ""), [value]);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onCommit(next.trim() || undefined)}
      placeholder={t("tasks.searchPlaceholder")}
      aria-label={t("tasks.searchPlaceholder")}
      style={{ width: 220 }}
    />
  );
}

function FilterBar({
  search,
  board,
  customerName,
  onChange,
}: {
  search: TasksSearch;
  board: boolean;
  // The filtered customer's name as the tasks found carry it, for a filter opened from a link.
  customerName: string | undefined;
  onChange: (patch: Partial<TasksSearch>) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const users = useAllUsers();
  // Any filter change starts again from the first page.
  const update = (patch: Partial<TasksSearch>) => onChange({ ...patch, page: undefined });
  const filtered = FILTER_KEYS.some((key) => search[key] !== undefined);
  const assignees = [
    { value: "me", label: t("tasks.assigneeMe") },
    ...(users.data?.items ?? [])
      .filter((user) => user.active && user.id !== me.user.id)
      .map((user) => ({ value: user.id, label: user.name })),
  ];
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      <SearchBox value={search.q} onCommit={(q) => update({ q })} />
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("tasks.assigneeAll")}
        aria-label={t("taskFields.assignee")}
        value={search.assigneeId}
        onChange={(assigneeId?: string) => update({ assigneeId })}
        options={assignees}
        style={{ width: 180 }}
      />
      {board ? null : (
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t("tasks.statusAll")}
          aria-label={t("taskFields.status")}
          value={[...statusesOf(search)]}
          onChange={(status) => update({ status })}
          options={TASK_STATUSES.map((status) => ({ value: status, label: t(`taskStatuses.${status}`) }))}
          style={{ width: 240 }}
        />
      )}
      <Select
        allowClear
        placeholder={t("tasks.priorityAll")}
        aria-label={t("taskFields.priority")}
        value={search.priority}
        onChange={(priority) => update({ priority })}
        options={TASK_PRIORITIES.map((priority) => ({
          value: priority,
          label: t(`taskPriorities.${priority}`),
        }))}
        style={{ width: 130 }}
      />
      {me.permissions.includes("customers.read") ? (
        <CustomerSelect
          aria-label={t("taskFields.customer")}
          known={search.customerId && customerName ? [{ id: search.customerId, name: customerName }] : []}
          value={search.customerId}
          onChange={(value) => update({ customerId: typeof value === "string" ? value : undefined })}
          style={{ width: 220 }}
        />
      ) : null}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        aria-label={t("tasks.dueRange")}
        placeholder={[t("tasks.dueFrom"), t("tasks.dueTo")]}
        value={[search.from ? dayjs(search.from) : null, search.to ? dayjs(search.to) : null]}
        onChange={(range) =>
          update({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })
        }
      />
      <Checkbox
        checked={search.overdue === true}
        onChange={(event) => update({ overdue: event.target.checked || undefined })}
      >
        {t("tasks.overdueOnly")}
      </Checkbox>
      {filtered ? (
        <Button
          icon={<ClearOutlined />}
          onClick={() => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}
        >
          {t("tasks.clearFilters")}
        </Button>
      ) : null}
    </Flex>
  );
}

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [creating, setCreating] = useState(false);
  const [openTask, setOpenTask] = useState<string>();
  const board = search.view === "board";
  const page = search.page ?? 1;
  const filters: TaskQuery = {
    q: search.q,
    assigneeId: search.assigneeId,
    priority: search.priority,
    overdue: search.overdue,
    customerId: search.customerId,
    from: search.from,
    to: search.to,
  };
  const list = useTaskList(
    { ...filters, status: statusesOf(search), sort: search.sort, page, pageSize: TASKS_PAGE_SIZE },
    { enabled: !board },
  );
  const update = (patch: Partial<TasksSearch>) =>
    navigate({ search: (previous) => ({ ...previous, ...patch }) });

  return (
    <>
      <PageHeader
        title={t("tasks.title")}
        subtitle={t("tasks.subtitle")}
        extra={
          <Flex gap={8} wrap>
            <Segmented
              value={board ? "board" : "list"}
              onChange={(view) => update({ view: view === "board" ? "board" : undefined, page: undefined })}
              options={[
                { value: "list", label: t("tasks.viewList"), icon: <UnorderedListOutlined /> },
                { value: "board", label: t("tasks.viewBoard"), icon: <AppstoreOutlined /> },
              ]}
            />
            {me.permissions.includes("tasks.write") ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t("tasks.new")}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <FilterBar
        search={search}
        board={board}
        customerName={
          list.data?.items.find((task) => task.customerId === search.customerId)?.linkedName ?? undefined
        }
        onChange={update}
      />
      {board ? (
        <TaskBoard filters={filters} onOpen={setOpenTask} />
      ) : (
        <TaskTable
          items={list.data?.items}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={TASKS_PAGE_SIZE}
          loading={list.isFetching}
          sort={search.sort}
          onChange={update}
          onOpen={setOpenTask}
          empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tasks.empty")} />}
        />
      )}
      <CreateTaskDrawer open={creating} onClose={() => setCreating(false)} />
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </>
  );
}
