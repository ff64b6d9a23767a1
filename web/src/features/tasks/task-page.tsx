import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Button, Card } from "antd";
import { useTranslation } from "react-i18next";
import { RecordPage } from "../../components/status-pages";
import { TaskDetail } from "./task-detail";
import { useTask } from "./tasks.api";

const route = getRouteApi("/app/tasks/$id");

// Where links to one task lead (notifications, copied links, the calendar feed).
export function TaskPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = route.useParams();
  const task = useTask(id);
  return (
    <RecordPage
      query={task}
      notFound={{
        title: t("tasks.notFoundTitle"),
        subTitle: t("tasks.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/tasks", search: {} })}>
            {t("tasks.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => (
        <Card style={{ maxWidth: 880, margin: "0 auto" }}>
          <TaskDetail task={record} />
        </Card>
      )}
    </RecordPage>
  );
}
