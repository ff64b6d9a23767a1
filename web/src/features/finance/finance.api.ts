import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { CurrencySchema, listOf } from "../../../../shared/schemas/common";
import {
  CreditReportSchema,
  CustomerCreditSchema,
  type UpdateCustomerCreditInput,
} from "../../../../shared/schemas/credit";
import {
  type CreateFxRateInput,
  FxExposureSchema,
  FxImportResultSchema,
  FxRateSchema,
} from "../../../../shared/schemas/fx";
import {
  AGING_GROUPS,
  AgingReportSchema,
  type CreatePaymentInput,
  PaymentSchema,
  ReceivableSchema,
} from "../../../../shared/schemas/receivables";
import { api, apiUrl } from "../../api/client";

// Filters live in the URL so a link reproduces the view; stale values are dropped, not refused.
export const ReceivablesSearchSchema = z.object({
  customerId: z.uuid().optional().catch(undefined),
  ownerId: z.uuid().optional().catch(undefined),
  currency: CurrencySchema.optional().catch(undefined),
  overdue: z.boolean().optional().catch(undefined),
});
export type ReceivablesSearch = z.infer<typeof ReceivablesSearchSchema>;

export const AgingSearchSchema = z.object({
  groupBy: z.enum(AGING_GROUPS).optional().catch(undefined),
});
export type AgingGroup = (typeof AGING_GROUPS)[number];

export const FxSearchSchema = z.object({
  // The exposure report's day; today when absent.
  date: z.iso.date().optional().catch(undefined),
  // The rates list shows one currency's history when set.
  currency: CurrencySchema.optional().catch(undefined),
});

const ReceivableListSchema = listOf(ReceivableSchema);

// Payments, shipments and rates entered by colleagues move these figures, so a page reads them afresh
// each time it opens instead of showing what was cached a moment ago.
const FRESH = { staleTime: 0 } as const;
const PaymentListSchema = listOf(PaymentSchema);
const FxRateListSchema = listOf(FxRateSchema);

export function useReceivables(search: ReceivablesSearch) {
  return useQuery({
    queryKey: ["finance", "receivables", search],
    ...FRESH,
    queryFn: () =>
      api.get("/api/receivables", ReceivableListSchema, {
        ...search,
        overdue: search.overdue === undefined ? undefined : String(search.overdue),
      }),
    placeholderData: keepPreviousData,
  });
}

export function usePayments(customerId?: string) {
  return useQuery({
    queryKey: ["finance", "payments", customerId],
    queryFn: () => api.get("/api/payments", PaymentListSchema, { customerId }),
  });
}

export function useAging(groupBy: AgingGroup) {
  return useQuery({
    queryKey: ["finance", "aging", groupBy],
    ...FRESH,
    queryFn: () => api.get("/api/reports/aging", AgingReportSchema, { groupBy }),
    placeholderData: keepPreviousData,
  });
}

// A plain link: the browser saves the workbook itself, with the name the server gives it.
export function agingExportUrl(groupBy: AgingGroup): string {
  return apiUrl("/api/reports/aging/export", { groupBy });
}

export function useFxRates(quote: string | undefined) {
  return useQuery({
    queryKey: ["finance", "fx-rates", quote],
    queryFn: () => api.get("/api/fx-rates", FxRateListSchema, { quote }),
    placeholderData: keepPreviousData,
  });
}

export function useFxExposure(date: string | undefined) {
  return useQuery({
    queryKey: ["finance", "fx-exposure", date],
    ...FRESH,
    queryFn: () => api.get("/api/reports/fx-exposure", FxExposureSchema, { date }),
    placeholderData: keepPreviousData,
  });
}

export function useCreditReport() {
  return useQuery({
    queryKey: ["finance", "credit"],
    ...FRESH,
    queryFn: () => api.get("/api/reports/credit", CreditReportSchema),
  });
}

// A payment changes receivables, aging, exposure and credit at once, and the orders' state.
function useInvalidateFinance(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [["finance"], ["orders"], ["audit"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  };
}

export function useCreatePayment() {
  const invalidate = useInvalidateFinance();
  return useMutation({
    mutationFn: (input: CreatePaymentInput) => api.post("/api/payments", input, PaymentSchema),
    onSuccess: invalidate,
  });
}

export function useCreateFxRate() {
  const invalidate = useInvalidateFinance();
  return useMutation({
    mutationFn: (input: CreateFxRateInput) => api.post("/api/fx-rates", input, FxRateSchema),
    onSuccess: invalidate,
  });
}

export function useImportFxRates() {
  const invalidate = useInvalidateFinance();
  return useMutation({
    mutationFn: ({ file, base }: { file: File; base?: string }) => {
      const form = new FormData();
      if (base) form.append("base", base);
      form.append("file", file);
      return api.post("/api/fx-rates/import", form, FxImportResultSchema);
    },
    onSuccess: invalidate,
  });
}

export function useCustomerCredit(customerId: string | undefined) {
  return useQuery({
    queryKey: ["finance", "customer-credit", customerId],
    ...FRESH,
    queryFn: () => api.get(`/api/customers/${customerId}/credit`, CustomerCreditSchema),
    enabled: customerId !== undefined,
  });
}

export function useUpdateCustomerCredit(customerId: string) {
  const invalidate = useInvalidateFinance();
  return useMutation({
    mutationFn: (input: UpdateCustomerCreditInput) =>
      api.patch(`/api/customers/${customerId}/credit`, input, CustomerCreditSchema),
    onSuccess: invalidate,
  });
}
