import { App, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

// The form's field checks run first, so what a request schema still refuses is rare; it is shown on
// the field it names (list positions included), or as a message when no field holds it.
export function useReportIssues(form: FormInstance) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (issues: z.core.$ZodIssue[]) => {
    const names = new Set(form.getFieldsError().map((entry) => entry.name.join(".")));
    const placed = issues.filter((issue) => names.has(issue.path.join(".")));
    form.setFields(
      placed.map((issue) => ({
        name: issue.path as (string | number)[],
        errors: [issue.code === "invalid_type" ? t("validation.required") : issue.message],
      })),
    );
    const [unplaced] = issues.filter((issue) => !placed.includes(issue));
    if (unplaced) void message.error(`${unplaced.path.join(".")}: ${unplaced.message}`);
  };
}
