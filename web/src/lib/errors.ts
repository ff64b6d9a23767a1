import { App, type FormInstance } from "antd";
import type { TFunction } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type ClientErrorCode, fieldIssues } from "../api/client";

// Codes whose meaning is fully given by the code get a translated text; for the others (validation,
// conflict, not_found, ...) the server's message names the specific problem, so it is shown as is.
const TRANSLATED = {
  network: "errors.network",
  invalid_response: "errors.invalidResponse",
  invalid_credentials: "errors.invalid_credentials",
  rate_limited: "errors.rate_limited",
  unauthenticated: "errors.unauthenticated",
  forbidden: "errors.forbidden",
  bad_origin: "errors.bad_origin",
  setup_done: "errors.setup_done",
  unavailable: "errors.unavailable",
  internal: "errors.internal",
} as const satisfies Partial<Record<ClientErrorCode, `errors.${string}`>>;

function isTranslated(code: ClientErrorCode): code is keyof typeof TRANSLATED {
  return Object.hasOwn(TRANSLATED, code);
}

export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("errors.internal");
  return isTranslated(error.code) ? t(TRANSLATED[error.code]) : error.message;
}

// Shows an API error where the user is looking: on the form fields it names, otherwise as a toast.
export function useShowError(): (error: unknown, form?: FormInstance) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (error, form) => {
      const fields = form ? Object.keys(form.getFieldsValue()) : [];
      const onFields = fieldIssues(error).filter((issue) => fields.includes(issue.path));
      if (form && onFields.length > 0) {
        form.setFields(onFields.map((issue) => ({ name: issue.path, errors: [issue.message] })));
        return;
      }
      void message.error(errorMessage(error, t));
    },
    [message, t],
  );
}
