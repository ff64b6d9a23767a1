import { Empty, Flex, Spin, Timeline, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TaskPrioritySchema, TaskStatusSchema } from "../../../../shared/schemas/tasks";
import { RelativeTime } from "../../components/date-time";
import { useMe } from "../session/me-context";
import { useAllUsers } from "../users/users.api";
import { formatShortDateTime } from "./task-tags";
import { useTaskHistory } from "./tasks.api";

const ChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });
const ChangesSchema = z.record(z.string(), z.unknown());

type Describe = {
  t: TFunction;
  names: Map<string, string>;
  timeZone: string;
};

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value ? value : fallback;
}

// One readable line per changed field; a field this list does not know is named as such.
function describeChange(field: string, raw: unknown, { t, names, timeZone }: Describe): string {
  const change = ChangeSchema.safeParse(raw);
  const from = change.success ? change.data.from : undefined;
  const to = change.success ? change.data.to : undefined;
  const none = t("common.none");
  switch (field) {
    case "status": {
      const a = TaskStatusSchema.safeParse(from);
      const b = TaskStatusSchema.safeParse(to);
      return t("taskHistory.status", {
        from: a.success ? t(`taskStatuses.${a.data}`) : none,
        to: b.success ? t(`taskStatuses.${b.data}`) : none,
      });
    }
    case "priority": {
      const a = TaskPrioritySchema.safeParse(from);
      const b = TaskPrioritySchema.safeParse(to);
      return t("taskHistory.priority", {
        from: a.success ? t(`taskPriorities.${a.data}`) : none,
        to: b.success ? t(`taskPriorities.${b.data}`) : none,
      });
    }
    case "assigneeId":
      return t("taskHistory.assignee", {
        from: names.get(text(from, "")) ?? none,
        to: names.get(text(to, "")) ?? none,
      });
    case "dueAt": {
      const date = (value: unknown) =>
        typeof value === "string" ? formatShortDateTime(value, timeZone) : t("tasks.noDue");
      return t("taskHistory.dueAt", { from: date(from), to: date(to) });
    }
    case "title":
      return t("taskHistory.renamed", { from: text(from, none), to: text(to, none) });
    case "watcherIds":
      return t("taskHistory.watchers");
    case "checklist":
      return t("taskHistory.checklist");
    case "description":
      return t("taskHistory.description");
    case "recurrence":
      return t("taskHistory.recurrence");
    case "linkedType":
    case "linkedId":
      return t("taskHistory.linked");
    default:
      return t("taskHistory.other", { field });
  }
}

export function TaskHistory({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const history = useTaskHistory(taskId);
  const users = useAllUsers();
  const names = new Map((users.data?.items ?? []).map((user) => [user.id, user.name]));
  if (history.isPending) return <Spin />;
  const entries = history.data ?? [];
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={entries.map((entry) => {
        const changes = ChangesSchema.safeParse(entry.changes);
        // The linked record's type and id change together: one line says so.
        const fields = Object.keys(changes.success ? changes.data : {}).filter(
          (field) => !(field === "linkedType" && changes.success && "linkedId" in changes.data),
        );
        const lines =
          entry.action === "task.created"
            ? [t("taskHistory.created")]
            : fields.map((field) =>
                describeChange(field, changes.success ? changes.data[field] : undefined, {
                  t,
                  names,
                  timeZone: me.user.timeZone,
                }),
              );
        return {
          key: entry.id,
          color: entry.action === "task.created" ? "green" : "blue",
          content: (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary">
                {entry.actorName ?? t("audit.system")} · <RelativeTime value={entry.at} />
              </Typography.Text>
              {lines.map((line) => (
                <Typography.Text key={line}>{line}</Typography.Text>
              ))}
            </Flex>
          ),
        };
      })}
    />
  );
}
