import type { CustomerCredit, UpdateCustomerCreditInput } from "../../../../shared/schemas/credit";
import { type Dayjs, dayjs } from "../../lib/time";

// The credit form holds the insurance's fields flat beside the limit; the API nests them.

export type CreditValues = {
  creditLimit?: string;
  currency?: string;
  insured?: boolean;
  insurer?: string;
  policyNumber?: string;
  approvedLimit?: string;
  insuranceCurrency?: string;
  expiresOn?: Dayjs | null;
};

const blank = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export function initialValues(credit: CustomerCredit): CreditValues {
  return {
    creditLimit: credit.creditLimit ?? undefined,
    currency: credit.currency ?? undefined,
    insured: credit.insurance !== null,
    insurer: credit.insurance?.insurer,
    policyNumber: credit.insurance?.policyNumber ?? undefined,
    approvedLimit: credit.insurance?.approvedLimit ?? undefined,
    insuranceCurrency: credit.insurance?.currency ?? undefined,
    expiresOn: credit.insurance?.expiresOn ? dayjs(credit.insurance.expiresOn) : null,
  };
}

// Both fields empty removes the limit; the server refuses one without the other.
export function toInput(values: CreditValues): UpdateCustomerCreditInput {
  return {
    creditLimit: blank(values.creditLimit),
    currency: values.currency ?? null,
    insurance: values.insured
      ? {
          insurer: values.insurer?.trim() ?? "",
          policyNumber: blank(values.policyNumber),
          approvedLimit: blank(values.approvedLimit),
          currency: values.insuranceCurrency ?? null,
          expiresOn: values.expiresOn ? values.expiresOn.format("YYYY-MM-DD") : null,
        }
      : null,
  };
}

// The form field an API or schema issue belongs to: the insurance's currency has a name of its own.
export function fieldOf(path: readonly PropertyKey[]): keyof CreditValues {
  const names = path.map(String);
  if (names.join(".") === "insurance.currency") return "insuranceCurrency";
  return (names.at(-1) ?? "creditLimit") as keyof CreditValues;
}
