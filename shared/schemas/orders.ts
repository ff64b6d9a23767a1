import { z } from "zod";
import { CurrencySchema, IdSchema, PageQuerySchema, TimestampSchema } from "./common";
import { StoredRateSchema } from "./fx";
import { AmountSchema } from "./products";
import {
  commercialFields,
  commercialInputFields,
  commercialUpdateFields,
  DateSchema,
  LineSchema,
  PAYMENT_DUE,
  PAYMENT_METHODS,
} from "./quotations";

export const ORDER_STATUSES = [
  "draft",
  "pending_approval",
  "confirmed",
  "in_production",
  "ready_to_ship",
  "partially_shipped",
  "shipped",
  "completed",
  "cancelled",
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const ORDER_EVENT_KINDS = [
  "created",
  "updated",
  "submitted",
  "approval_requested",
  "approved",
  "rejected",
  "confirmed",
  "status_changed",
  "cancelled",
  "transferred",
] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

const orderOnlyFields = {
  requestedDeliveryDate: DateSchema.optional(),
  shippingMarks: z.string().trim().max(2000).optional(),
};

export const CreateOrderInputSchema = z.strictObject({
  customerId: IdSchema,
  ...commercialInputFields,
  ...orderOnlyFields,
});
export type CreateOrderInput = z.infer<typeof CreateOrderInputSchema>;

// Commercial fields change only in draft; delivery date and shipping marks until the goods are ready.
export const UpdateOrderInputSchema = z.strictObject({
  ...commercialUpdateFields,
  requestedDeliveryDate: DateSchema.nullable().optional(),
  shippingMarks: z.string().trim().max(2000).nullable().optional(),
});
export type UpdateOrderInput = z.infer<typeof UpdateOrderInputSchema>;

export const ConvertQuotationInputSchema = z.strictObject(orderOnlyFields);
export type ConvertQuotationInput = z.infer<typeof ConvertQuotationInputSchema>;

export const OrderStatusInputSchema = z.strictObject({
  status: OrderStatusSchema,
  reason: z.string().trim().min(1).max(1000).optional(),
});
export type OrderStatusInput = z.infer<typeof OrderStatusInputSchema>;

export const RejectInputSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
export const ApproveInputSchema = z.strictObject({ note: z.string().trim().max(1000).optional() });
export const TransferOrderInputSchema = z.strictObject({
  ownerId: IdSchema,
  reason: z.string().trim().max(1000).optional(),
});

export const InstalmentSchema = z.object({
  sequence: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  percent: z.number(),
  amount: z.string(),
  currency: z.string(),
  due: z.enum(PAYMENT_DUE),
  days: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type Instalment = z.infer<typeof InstalmentSchema>;

// Why an order (or a shipment's departure) needs a manager: a line discounted beyond the threshold,
// the customer's credit limit, or open payment terms while the customer's credit insurance has expired.
// Credit amounts are in the limit's currency: openAmount is the exposure without this order, orderTotal
// what this order adds (its total at confirmation, what is still owed on it at departure).
export const ApprovalReasonSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("discount"),
    message: z.string(),
    sku: z.string().nullable(),
    description: z.string(),
    listPrice: z.string(),
    netUnitPrice: z.string(),
    discountOffListPercent: z.number(),
    thresholdPercent: z.number(),
  }),
  z.object({
    kind: z.literal("credit"),
    message: z.string(),
    creditLimit: z.string(),
    currency: z.string(),
    openAmount: z.string(),
    orderTotal: z.string(),
  }),
  z.object({
    kind: z.literal("credit_insurance"),
    message: z.string(),
    insurer: z.string(),
    policyNumber: z.string().nullable(),
    expiresOn: DateSchema,
  }),
]);
export type ApprovalReason = z.infer<typeof ApprovalReasonSchema>;

export const APPROVAL_STATES = ["pending", "approved", "rejected", "cancelled"] as const;
export const ApprovalStateSchema = z.enum(APPROVAL_STATES);
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

export const ApprovalSchema = z.object({
  id: IdSchema,
  orderId: IdSchema,
  orderNumber: z.string(),
  // Set when the request is for a shipment's departure, not the order's confirmation.
  shipmentId: IdSchema.nullable(),
  shipmentNumber: z.string().nullable(),
  customerId: IdSchema,
  customerName: z.string(),
  ownerId: IdSchema,
  ownerName: z.string().nullable(),
  total: z.string(),
  currency: z.string(),
  state: ApprovalStateSchema,
  reasons: z.array(ApprovalReasonSchema),
  // What could not be checked, e.g. a credit limit in another currency than the order.
  notes: z.array(z.string()),
  requestedBy: IdSchema,
  requestedByName: z.string().nullable(),
  requestedAt: TimestampSchema,
  decidedBy: IdSchema.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: TimestampSchema.nullable(),
  decisionReason: z.string().nullable(),
  // Whether the caller may approve or reject it now.
  canDecide: z.boolean(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApprovalListQuerySchema = PageQuerySchema.extend({
  state: z.enum([...APPROVAL_STATES, "all"]).default("pending"),
});

export const OrderSummarySchema = z.object({
  id: IdSchema,
  number: z.string(),
  status: OrderStatusSchema,
  quotationId: IdSchema.nullable(),
  requestedDeliveryDate: DateSchema.nullable(),
  shippingMarks: z.string().nullable(),
  submittedAt: TimestampSchema.nullable(),
  confirmedAt: TimestampSchema.nullable(),
  cancelledAt: TimestampSchema.nullable(),
  cancelReason: z.string().nullable(),
  ...commercialFields,
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export const OrderSchema = OrderSummarySchema.extend({
  lines: z.array(LineSchema),
  paymentSchedule: z.array(InstalmentSchema),
  // The latest approval request, if the order ever needed one.
  approval: ApprovalSchema.nullable(),
  // The rate to the reporting currency stored at confirmation; null before.
  fxRate: StoredRateSchema.nullable(),
  // Colleagues following the order; told of its shipments like its owner.
  watcherIds: z.array(IdSchema),
  // Set by submit: why the order went to approval or what could not be checked.
  notes: z.array(z.string()).optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderListQuerySchema = PageQuerySchema.extend({
  status: OrderStatusSchema.optional(),
  customerId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

export const OrderEventSchema = z.object({
  id: IdSchema,
  kind: z.enum(ORDER_EVENT_KINDS),
  fromStatus: OrderStatusSchema.nullable(),
  toStatus: OrderStatusSchema.nullable(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: TimestampSchema,
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

export const ApprovalSettingsSchema = z.object({
  // A line priced more than this percent below the product's list price needs a manager.
  discountThresholdPercent: z.number().min(0).max(100),
});
export type ApprovalSettings = z.infer<typeof ApprovalSettingsSchema>;
export const UpdateApprovalSettingsSchema = z.strictObject({
  discountThresholdPercent: z.number().min(0).max(100).optional(),
});

// Set by managers and admins; null removes the limit.
export const CreditLimitInputSchema = z
  .strictObject({
    creditLimit: AmountSchema.nullable(),
    creditLimitCurrency: CurrencySchema.nullable(),
  })
  .refine((input) => (input.creditLimit === null) === (input.creditLimitCurrency === null), {
    message: "give both the limit and its currency, or null for both",
    path: ["creditLimitCurrency"],
  });
export const CreditLimitSchema = z.object({
  customerId: IdSchema,
  creditLimit: z.string().nullable(),
  creditLimitCurrency: z.string().nullable(),
});
