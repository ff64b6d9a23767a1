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

type FieldError = { name: (string | number)[]; errors: string[] };

// The form field an issue belongs to: the field with the same path, or the one holding it (an issue on
// "phones.1" belongs to the tags field "phones"). `aliases` renames paths whose form field is named
// differently from the API's (the API's "contacts.0.phones" is the form's single "contacts.0.phone").
function placeIssues(
  error: unknown,
  form: FormInstance,
  aliases: Record<string, string>,
): { placed: FieldError[]; unplaced: number } {
  const names = form.getFieldsError().map((field) => field.name);
  const issues = fieldIssues(error);
  const placed = issues.flatMap((issue) => {
    const alias = Object.keys(aliases).find(
      (from) => issue.path === from || issue.path.startsWith(`${from}.`),
    );
    const path = alias ? `${aliases[alias]}${issue.path.slice(alias.length)}` : issue.path;
    const name = names
      .filter((candidate) => {
        const key = candidate.join(".");
        return path === key || path.startsWith(`${key}.`);
      })
      .sort((a, b) => b.length - a.length)[0];
    return name ? [{ name, errors: [issue.message] }] : [];
  });
  return { placed, unplaced: issues.length - placed.length };
}

// Shows an API error where the user is looking: on the form fields it names, otherwise as a toast.
export function useShowError(): (
  error: unknown,
  form?: FormInstance,
  aliases?: Record<string, string>,
) => void {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (error, form, aliases = {}) => {
      if (form) {
        const { placed, unplaced } = placeIssues(error, form, aliases);
        form.setFields(placed);
        if (placed.length > 0 && unplaced === 0) return;
      }
      void message.error(errorMessage(error, t));
    },
    [message, t],
  );
}
