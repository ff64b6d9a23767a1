import { and, count, eq } from "drizzle-orm";
import type { ProductImage } from "../../../../shared/schemas/products";
import type { DbOrTx } from "../../db/client";
import { AppError, conflict, notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso } from "../../lib/dates";
import { recordAudit } from "../audit/audit.service";
import { findProductRow, imageUrl } from "./products.service";
import { productImages } from "./products.table";

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES_PER_PRODUCT = 20;

// The file's first bytes decide its type, never its name or the type the browser claims: a page or
// script renamed to .png is refused, a PNG renamed to .exe is a PNG.
const SIGNATURES: { contentType: string; matches: (head: Buffer) => boolean }[] = [
  {
    contentType: "image/png",
    matches: (head) =>
      head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    contentType: "image/jpeg",
    matches: (head) => head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  {
    contentType: "image/webp",
    matches: (head) =>
      head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

export function imageTypeOf(content: Buffer): string | undefined {
  return SIGNATURES.find((signature) => signature.matches(content))?.contentType;
}

export const IMAGE_CONTENT_TYPES = SIGNATURES.map((signature) => signature.contentType);

export async function addProductImage(
  db: DbOrTx,
  actor: Actor,
  productId: string,
  content: Buffer,
): Promise<ProductImage> {
  await findProductRow(db, actor, productId);
  const contentType = imageTypeOf(content);
  if (!contentType) {
    throw new AppError(
      "unsupported_media_type",
      "This file is not a PNG, JPEG or WebP image: product images must be one of these",
    );
  }
  if (content.length > MAX_IMAGE_BYTES) {
    throw new AppError("payload_too_large", "Product images may be at most 5 MB: make the image smaller");
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ count: count() })
      .from(productImages)
      .where(and(eq(productImages.workspaceId, actor.workspaceId), eq(productImages.productId, productId)));
    if ((existing?.count ?? 0) >= MAX_IMAGES_PER_PRODUCT) {
      throw conflict(`A product has at most ${MAX_IMAGES_PER_PRODUCT} images: delete one first`);
    }
    const [row] = await tx
      .insert(productImages)
      .values({
        workspaceId: actor.workspaceId,
        productId,
        contentType,
        byteSize: content.length,
        data: content,
        createdBy: actor.userId,
      })
      .returning({ id: productImages.id, createdAt: productImages.createdAt });
    if (!row) throw new Error("insert returned no image");
    await recordAudit(tx, actor, {
      action: "product.image_added",
      entityType: "product",
      entityId: productId,
      changes: { imageId: row.id, contentType, byteSize: content.length },
    });
    return {
      id: row.id,
      contentType,
      byteSize: content.length,
      url: imageUrl(productId, row.id),
      createdAt: iso(row.createdAt),
    };
  });
}

const imageScope = (actor: Actor, productId: string, imageId: string) =>
  and(
    eq(productImages.workspaceId, actor.workspaceId),
    eq(productImages.productId, productId),
    eq(productImages.id, imageId),
  );

export async function getProductImage(db: DbOrTx, actor: Actor, productId: string, imageId: string) {
  const [row] = await db
    .select({ contentType: productImages.contentType, data: productImages.data })
    .from(productImages)
    .where(imageScope(actor, productId, imageId));
  if (!row) throw notFound("Image");
  return row;
}

export async function deleteProductImage(db: DbOrTx, actor: Actor, productId: string, imageId: string) {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(productImages)
      .where(imageScope(actor, productId, imageId))
      .returning({ id: productImages.id });
    if (deleted.length === 0) throw notFound("Image");
    await recordAudit(tx, actor, {
      action: "product.image_deleted",
      entityType: "product",
      entityId: productId,
      changes: { imageId },
    });
  });
}
