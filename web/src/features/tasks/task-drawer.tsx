import { ExportOutlined } from "@ant-design/icons";
import { Link } from "@tanstack/react-router";
import { Alert, Drawer, Grid, Skeleton, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { TaskDetail } from "./task-detail";
import { useTask } from "./tasks.api";

// A task opened over the list or page it was picked from, so the user keeps their place.
export function TaskDrawer({ taskId, onClose }: { taskId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const task = useTask(taskId);
  return (
    <Drawer
      open={taskId !== undefined}
      onClose={onClose}
      size={screens.md === false ? "100%" : 680}
      title={t("tasks.detailTitle")}
      extra={
        taskId ? (
          <Tooltip title={t("tasks.openPage")}>
            <Link to="/tasks/$id" params={{ id: taskId }} aria-label={t("tasks.openPage")}>
              <ExportOutlined />
            </Link>
          </Tooltip>
        ) : null
      }
      destroyOnHidden
    >
      {task.data ? (
        <TaskDetail task={task.data} />
      ) : task.error ? (
        <Alert type="error" showIcon title={errorMessage(task.error, t)} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
