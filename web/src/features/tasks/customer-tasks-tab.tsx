import { PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, Empty, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OPEN_TASK_STATUSES, type TASK_SORTS } from "../../../../shared/schemas/tasks";
import { useMe } from "../session/me-context";
import { CreateTaskDrawer } from "./create-task-drawer";
import { TaskDrawer } from "./task-drawer";
import { TaskTable } from "./task-table";
import { useTaskList } from "./tasks.api";

const PAGE_SIZE = 20;

// The customer's tasks on its page: what is still to do for it, and who does it.
export function CustomerTasksTab({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const me = useMe();
  const [showClosed, setShowClosed] = useState(false);
  const [sort, setSort] = useState<(typeof TASK_SORTS)[number]>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [openTask, setOpenTask] = useState<string>();
  const list = useTaskList({
    customerId: customer.id,
    // An empty list asks for every status.
    status: showClosed ? [] : OPEN_TASK_STATUSES,
    sort,
    page,
    pageSize: PAGE_SIZE,
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Checkbox
          checked={showClosed}
          onChange={(event) => {
            setShowClosed(event.target.checked);
            setPage(1);
          }}
        >
          {t("tasks.showClosed")}
        </Checkbox>
        {me.permissions.includes("tasks.write") ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("tasks.new")}
          </Button>
        ) : null}
      </Flex>
      <TaskTable
        items={list.data?.items}
        total={list.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        loading={list.isFetching}
        sort={sort}
        onChange={(patch) => {
          if ("sort" in patch) setSort(patch.sort);
          setPage(patch.page ?? 1);
        }}
        onOpen={setOpenTask}
        showLinked={false}
        empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tasks.emptyCustomer")} />}
      />
      <CreateTaskDrawer open={creating} onClose={() => setCreating(false)} customer={customer} />
      <TaskDrawer taskId={openTask} onClose={() => setOpenTask(undefined)} />
    </Flex>
  );
}
