import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { listOf } from "../../../../shared/schemas/common";
import {
  type CreateOrderInput,
  OrderEventSchema,
  OrderSchema,
  type OrderStatusInput,
  OrderStatusSchema,
  OrderSummarySchema,
  type UpdateOrderInput,
} from "../../../../shared/schemas/orders";
import { ApiError, api, apiUrl } from "../../api/client";
import { DEFAULT_PAGE_SIZE, useInvalidateTrade } from "../quotations/quotations.api";

export const OrdersSearchSchema = z.object({
  status: OrderStatusSchema.optional().catch(undefined),
  customerId: z.uuid().optional().catch(undefined),
  ownerId: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
});
export type OrdersSearch = z.infer<typeof OrdersSearchSchema>;

export const NewOrderSearchSchema = z.object({
  customerId: z.uuid().optional().catch(undefined),
});

const OrderListSchema = listOf(OrderSummarySchema);
const TimelineSchema = listOf(OrderEventSchema);

export function useOrders(params: OrdersSearch) {
  return useQuery({
    queryKey: ["orders", "list", params],
    queryFn: () => api.get("/api/orders", OrderListSchema, { pageSize: DEFAULT_PAGE_SIZE, ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: ["orders", "detail", id],
    queryFn: () => api.get(`/api/orders/${id}`, OrderSchema),
  });
}

export function useOrderTimeline(id: string) {
  return useQuery({
    queryKey: ["orders", "timeline", id],
    queryFn: async () => (await api.get(`/api/orders/${id}/timeline`, TimelineSchema)).items,
  });
}

export function orderPdfUrl(id: string): string {
  return apiUrl(`/api/orders/${id}/pdf`);
}

export function useCreateOrder() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: CreateOrderInput) => api.post("/api/orders", input, OrderSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateOrder(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: UpdateOrderInput) => api.patch(`/api/orders/${id}`, input, OrderSchema),
    onSuccess: invalidate,
  });
}

export function useSubmitOrder(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: () => api.post(`/api/orders/${id}/submit`, undefined, OrderSchema),
    onSuccess: invalidate,
  });
}

export function useApproveOrder() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api.post(`/api/orders/${id}/approve`, note ? { note } : {}, OrderSchema),
    onSuccess: invalidate,
  });
}

export function useRejectOrder() {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post(`/api/orders/${id}/reject`, { reason }, OrderSchema),
    onSuccess: invalidate,
  });
}

// Following an order: its shipments then notify the follower like its owner.
export function useWatchOrder(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: async (watching: boolean) => {
      if (watching) await api.put(`/api/orders/${id}/watchers/me`, {}, OrderSchema);
      else await api.delete(`/api/orders/${id}/watchers/me`);
    },
    onSuccess: invalidate,
  });
}

export function useChangeOrderStatus(id: string) {
  const invalidate = useInvalidateTrade();
  return useMutation({
    mutationFn: (input: OrderStatusInput) => api.post(`/api/orders/${id}/status`, input, OrderSchema),
    onSuccess: invalidate,
  });
}

const ShortagesSchema = z.object({
  shortages: z.array(
    z.object({ sku: z.string(), name: z.string().optional(), requested: z.string(), available: z.string() }),
  ),
});
type Shortage = z.infer<typeof ShortagesSchema>["shortages"][number];

// Confirming reserves stock; a 409 lists the products that are short, which the page names.
export function stockShortages(error: unknown): Shortage[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const parsed = ShortagesSchema.safeParse(error.details);
  return parsed.success ? parsed.data.shortages : undefined;
}
