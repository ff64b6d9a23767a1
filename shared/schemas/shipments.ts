import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";
import { DateSchema } from "./quotations";

export const SHIPMENT_MODES = ["sea_fcl", "sea_lcl", "air", "express", "rail", "truck"] as const;
export type ShipmentMode = (typeof SHIPMENT_MODES)[number];
export const SHIPMENT_STATUSES = [
  "planned",
  "booked",
  "loaded",
  "departed",
  "arrived",
  "delivered",
  "cancelled",
] as const;
export const ShipmentStatusSchema = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof ShipmentStatusSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const QuantitySchema = z
  .string()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, { message: "must be a positive number such as 120 or 12.5" })
  .or(z.number().positive().transform(String));

// The transport details logistics fills in as the booking firms up; all optional until departure.
const details = {
  forwarder: text(200),
  portOfLoading: text(200),
  portOfDischarge: text(200),
  etd: DateSchema,
  eta: DateSchema,
  containerType: text(40),
  containerNumber: text(40),
  sealNumber: text(40),
  vessel: text(200),
  voyage: text(40),
  bookingNumber: text(80),
  blNumber: text(80),
  blDate: DateSchema,
  customsDeclarationNumber: text(80),
  trackingNumber: text(80),
};
type Details = typeof details;
export type ShipmentDetail = keyof Details;
export const SHIPMENT_DETAILS = Object.keys(details) as ShipmentDetail[];

function optionalDetails(): { [K in ShipmentDetail]: z.ZodOptional<Details[K]> } {
  return Object.fromEntries(SHIPMENT_DETAILS.map((key) => [key, details[key].optional()])) as {
    [K in ShipmentDetail]: z.ZodOptional<Details[K]>;
  };
}

function clearableDetails(): { [K in ShipmentDetail]: z.ZodOptional<z.ZodNullable<Details[K]>> } {
  return Object.fromEntries(SHIPMENT_DETAILS.map((key) => [key, details[key].nullable().optional()])) as {
    [K in ShipmentDetail]: z.ZodOptional<z.ZodNullable<Details[K]>>;
  };
}

export const ShipmentLineInputSchema = z.strictObject({
  orderLineId: IdSchema,
  quantity: QuantitySchema,
  cartons: z.number().int().min(0).max(1_000_000).optional(),
});

export const CreateShipmentInputSchema = z.strictObject({
  lines: z.array(ShipmentLineInputSchema).min(1, { message: "list at least one order line to ship" }),
  mode: z.enum(SHIPMENT_MODES),
  ...optionalDetails(),
});
export type CreateShipmentInput = z.infer<typeof CreateShipmentInputSchema>;

// Null clears a detail; lines are fixed once created (cancel and plan a new shipment instead).
export const UpdateShipmentInputSchema = z.strictObject({
  mode: z.enum(SHIPMENT_MODES).optional(),
  ...clearableDetails(),
});
export type UpdateShipmentInput = z.infer<typeof UpdateShipmentInputSchema>;

export const ShipmentStatusInputSchema = z.strictObject({
  status: ShipmentStatusSchema,
  // When it happened (departure, arrival); defaults to now.
  at: z.iso.datetime({ offset: true }).optional(),
  blNumber: text(80).optional(),
  blDate: DateSchema.optional(),
});
export type ShipmentStatusInput = z.infer<typeof ShipmentStatusInputSchema>;

export const ShipmentListQuerySchema = z.object({
  status: ShipmentStatusSchema.optional(),
  orderId: IdSchema.optional(),
});

export const ShipmentLineSchema = z.object({
  id: IdSchema,
  orderLineId: IdSchema,
  sku: z.string().nullable(),
  description: z.string(),
  unit: z.string(),
  quantity: z.string(),
  cartons: z.number().int().nullable(),
});

export const ShipmentSchema = z.object({
  id: IdSchema,
  number: z.string(),
  orderId: IdSchema,
  orderNumber: z.string(),
  customerId: IdSchema,
  customerName: z.string(),
  status: ShipmentStatusSchema,
  mode: z.enum(SHIPMENT_MODES),
  forwarder: z.string().nullable(),
  portOfLoading: z.string().nullable(),
  portOfDischarge: z.string().nullable(),
  etd: DateSchema.nullable(),
  eta: DateSchema.nullable(),
  containerType: z.string().nullable(),
  containerNumber: z.string().nullable(),
  sealNumber: z.string().nullable(),
  vessel: z.string().nullable(),
  voyage: z.string().nullable(),
  bookingNumber: z.string().nullable(),
  blNumber: z.string().nullable(),
  blDate: DateSchema.nullable(),
  customsDeclarationNumber: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  departedAt: TimestampSchema.nullable(),
  arrivedAt: TimestampSchema.nullable(),
  deliveredAt: TimestampSchema.nullable(),
  cancelledAt: TimestampSchema.nullable(),
  lines: z.array(ShipmentLineSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Shipment = z.infer<typeof ShipmentSchema>;
