import type { FormInstance, FormItemProps } from "antd";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

// antd gives "" for a cleared input; the shared schemas express "not given" as undefined.
function blankToUndefined(value: unknown): unknown {
  return value === "" ? undefined : value;
}

function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case "invalid_type":
      return t("validation.required");
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) > 1
        ? t("validation.minLength", { min: Number(issue.minimum) })
        : t("validation.required");
    case "too_big":
      return t("validation.maxLength", { max: Number(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? t("validation.email") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

type FieldProps = Pick<FormItemProps, "required" | "rules">;

// Props for a "repeat the password" Form.Item that must equal the field `original`.
export function useConfirmField(
  form: FormInstance,
  original: string,
): FieldProps & Pick<FormItemProps, "dependencies"> {
  const { t } = useTranslation();
  return {
    dependencies: [original],
    required: true,
    rules: [
      { required: true, message: t("validation.required") },
      {
        validator: async (_rule, value: unknown) => {
          if (value && value !== form.getFieldValue(original))
            throw new Error(t("validation.passwordMismatch"));
        },
      },
    ],
  };
}

export type SchemaForm<S extends z.ZodObject> = {
  // Spread into a Form.Item: the asterisk and inline validation both come from the shared schema.
  field: (name: keyof S["shape"] & string) => FieldProps;
  // Parses the form's values with the full schema (transforms included); undefined if invalid.
  parse: (form: FormInstance, values: Record<string, unknown>) => z.output<S> | undefined;
};

export function useSchemaForm<S extends z.ZodObject>(schema: S): SchemaForm<S> {
  const { t } = useTranslation();
  return useMemo(() => {
    const field = (name: keyof S["shape"] & string): FieldProps => {
      const fieldSchema = schema.shape[name] as z.ZodType;
      return {
        required: !fieldSchema.safeParse(undefined).success,
        rules: [
          {
            validator: async (_rule, value: unknown) => {
              const result = fieldSchema.safeParse(blankToUndefined(value));
              const [issue] = result.error?.issues ?? [];
              if (issue) throw new Error(issueMessage(issue, t));
            },
          },
        ],
      };
    };
    const parse = (form: FormInstance, values: Record<string, unknown>): z.output<S> | undefined => {
      // Only the schema's own keys: a form may hold helper fields such as a password confirmation.
      const input = Object.fromEntries(
        Object.keys(schema.shape).map((key) => [key, blankToUndefined(values[key])]),
      );
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      form.setFields(
        result.error.issues.map((issue) => ({
          name: issue.path.map(String),
          errors: [issueMessage(issue, t)],
        })),
      );
      return undefined;
    };
    return { field, parse };
  }, [schema, t]);
}
