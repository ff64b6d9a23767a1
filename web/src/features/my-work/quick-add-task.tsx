import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Input, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useShowError } from "../../lib/errors";
import { useMe } from "../session/me-context";
import { useDuePresets } from "../tasks/due-presets";
import { useCreateTask } from "../tasks/tasks.api";
import { fromPickerValue } from "../tasks/zoned-time";

const NO_DATE = -1;

// One line to note a to-do for oneself without leaving the page: title, when, Enter.
export function QuickAddTask() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const presets = useDuePresets();
  const createTask = useCreateTask();
  const showError = useShowError();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(0);

  const add = () => {
    const text = title.trim();
    if (!text) return;
    const preset = presets[due];
    createTask.mutate(
      {
        title: text,
        assigneeId: me.user.id,
        dueAt: preset ? fromPickerValue(preset.value, me.user.timeZone) : undefined,
      },
      {
        onSuccess: (task) => {
          setTitle("");
          void message.success(t("tasks.createdMessage", { title: task.title }));
        },
        onError: (error) => showError(error),
      },
    );
  };

  return (
    <Space.Compact style={{ width: "100%", maxWidth: 560 }}>
      <Input
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        onPressEnter={add}
        placeholder={t("myWork.quickAddPlaceholder")}
        aria-label={t("myWork.quickAdd")}
        maxLength={300}
      />
      <Select
        value={due}
        onChange={setDue}
        aria-label={t("taskFields.dueAt")}
        options={[
          ...presets.map((preset, index) => ({ value: index, label: preset.label })),
          { value: NO_DATE, label: t("tasks.noDue") },
        ]}
        style={{ width: 130 }}
      />
      <Button
        type="primary"
        icon={<PlusOutlined />}
        loading={createTask.isPending}
        onClick={add}
        aria-label={t("myWork.quickAdd")}
      />
    </Space.Compact>
  );
}
