import { and, desc, eq, isNull } from "drizzle-orm";
import type { ApiToken } from "../../../../shared/schemas/identity";
import type { DbOrTx } from "../../db/client";
import { notFound } from "../../lib/app-error";
import type { Actor } from "../../lib/context";
import { iso, isoOrNull } from "../../lib/dates";
import { randomToken, sha256 } from "../../lib/secrets";
import { recordAudit } from "../audit/audit.service";
import { ownTokensScope } from "./tokens.policy";
import { apiTokens } from "./tokens.table";

export const TOKEN_PREFIX = "tw_";

function toApiToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.createdAt),
    lastUsedAt: isoOrNull(row.lastUsedAt),
  };
}

export async function listTokens(db: DbOrTx, actor: Actor): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(ownTokensScope(actor))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toApiToken);
}

export async function createToken(
  db: DbOrTx,
  actor: Actor,
  name: string,
): Promise<ApiToken & { token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        name,
        prefix: token.slice(0, 10),
        tokenHash: sha256(token),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, actor, {
      action: "token.created",
      entityType: "api_token",
      entityId: row.id,
      changes: { name },
    });
    return { ...toApiToken(row), token };
  });
}

export async function revokeToken(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(ownTokensScope(actor, eq(apiTokens.id, id)))
      .returning({ id: apiTokens.id });
    if (!row) throw notFound("Token");
    await recordAudit(tx, actor, { action: "token.revoked", entityType: "api_token", entityId: id });
  });
}

export async function findActiveToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchToken(db: DbOrTx, workspaceId: string, token: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.tokenHash, sha256(token))));
}
