import { Form, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { UpdateTaskSettingsSchema } from "../../../../shared/schemas/tasks";
import { SettingsFormPage } from "../settings/settings-form-page";
import { useTaskSettings, useUpdateTaskSettings } from "./tasks.api";

// When reminders go out and when a late task is escalated to the assignee's manager.
export function TaskSettingsPage() {
  const { t } = useTranslation();
  return (
    <SettingsFormPage
      name="taskSettings"
      title={t("taskSettings.title")}
      subtitle={t("taskSettings.subtitle")}
      savedMessage={t("taskSettings.savedMessage")}
      schema={UpdateTaskSettingsSchema}
      settings={useTaskSettings()}
      update={useUpdateTaskSettings()}
    >
      {(field) => (
        <>
          <Form.Item
            label={t("taskSettings.escalateAfterDays")}
            name="escalateAfterDays"
            extra={t("taskSettings.escalateAfterDaysHelp")}
            {...field("escalateAfterDays")}
          >
            <InputNumber
              min={1}
              max={365}
              precision={0}
              suffix={t("taskSettings.days")}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item
            label={t("taskSettings.dueSoonHours")}
            name="dueSoonHours"
            extra={t("taskSettings.dueSoonHoursHelp")}
            {...field("dueSoonHours")}
          >
            <InputNumber
              min={1}
              max={168}
              precision={0}
              suffix={t("taskSettings.hours")}
              style={{ width: 200 }}
            />
          </Form.Item>
        </>
      )}
    </SettingsFormPage>
  );
}
