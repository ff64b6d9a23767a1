import { z } from "zod";
import { IdSchema, TimestampSchema } from "./common";

// What a document uploaded to a shipment is, so logistics and finance find the B/L copy at a glance.
export const FILE_KINDS = [
  "bill_of_lading",
  "certificate_of_origin",
  "insurance_certificate",
  "photo",
  "other",
] as const;
export const FileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKindSchema>;

// Accepted uploads, recognised from their content rather than their name or declared type. Legacy
// Word and Excel files (.doc, .xls) are refused: their container format also carries installers and
// macros and cannot be told apart by its first bytes; ask for PDF, DOCX or XLSX instead.
export const FILE_TYPES = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "image/jpeg": { label: "JPEG", extensions: ["jpg", "jpeg"] },
  "image/png": { label: "PNG", extensions: ["png"] },
  "image/webp": { label: "WebP", extensions: ["webp"] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    label: "XLSX",
    extensions: ["xlsx"],
  },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    label: "DOCX",
    extensions: ["docx"],
  },
} as const satisfies Record<string, { label: string; extensions: readonly string[] }>;
export type FileContentType = keyof typeof FILE_TYPES;

export const StoredFileSchema = z.object({
  id: IdSchema,
  shipmentId: IdSchema,
  kind: FileKindSchema,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: IdSchema.nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: TimestampSchema,
});
export type StoredFile = z.infer<typeof StoredFileSchema>;
