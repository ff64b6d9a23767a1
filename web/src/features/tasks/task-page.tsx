import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Button, Card, Result } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { PageLoading, RouteErrorPage } from "../../components/status-pages";
import { TaskDetail } from "./task-detail";
import { useTask } from "./tasks.api";

const route = getRouteApi("/app/tasks/$id");

// Where links to one task lead (notifications, copied links, the calendar feed).
export function TaskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = route.useParams();
  const task = useTask(id);
  if (task.isPending) return <PageLoading />;
  if (task.error) {
    if (task.error instanceof ApiError && task.error.status === 404) {
      return (
        <Result
          status="404"
          title={t("tasks.notFoundTitle")}
          subTitle={t("tasks.notFound")}
          extra={
            <Button type="primary" onClick={() => void navigate({ to: "/tasks", search: {} })}>
              {t("tasks.backToList")}
            </Button>
          }
        />
      );
    }
    return <RouteErrorPage error={task.error} />;
  }
  return (
    <Card style={{ maxWidth: 880, margin: "0 auto" }}>
      <TaskDetail task={task.data} />
    </Card>
  );
}
