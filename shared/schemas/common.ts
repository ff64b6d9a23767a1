import currencyCodes from "currency-codes";
import { z } from "zod";

export const LOCALES = ["zh-CN", "en-US"] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const IdSchema = z.uuid({ message: "must be a UUID" });
export const IdParamsSchema = z.object({ id: IdSchema });

export const TimestampSchema = z.iso.datetime({ offset: true });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1)
  .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai" });

export const CurrencySchema = z
  .string()
  .length(3)
  .transform((value) => value.toUpperCase())
  .refine((value) => currencyCodes.code(value) !== undefined, {
    message: "must be an ISO 4217 currency code such as USD",
  });

export const EmailSchema = z
  .email({ message: "must be an e-mail address" })
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const PasswordSchema = z
  .string()
  .min(10, { message: "must be at least 10 characters" })
  .max(256, { message: "must be at most 256 characters" });

export const NameSchema = z.string().trim().min(1, { message: "must not be empty" }).max(200);

export const MAX_PAGE_SIZE = 200;
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().optional(),
    page: z.number().int().optional(),
    pageSize: z.number().int().optional(),
  });
}

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
