import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { Actor } from "../../lib/context";
import { inWorkspace } from "../../lib/scope";
import { apiTokens } from "./tokens.table";

// Tokens are personal: even an admin sees and revokes only their own here.
export function ownTokensScope(actor: Actor, ...filters: (SQL | undefined)[]): SQL | undefined {
  return and(
    inWorkspace(apiTokens, actor),
    eq(apiTokens.userId, actor.userId),
    isNull(apiTokens.revokedAt),
    ...filters,
  );
}
