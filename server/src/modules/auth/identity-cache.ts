import type { DatabaseListener } from "../../db/listener";
import type { Actor } from "../../lib/context";

// Database triggers (migration 0013) NOTIFY this channel with the workspace id whenever a user, a
// session or an API token of that workspace changes or goes away.
export const IDENTITY_CHANNEL = "tradewind_identity";

// A notification could in theory be missed while the listener reconnects unnoticed; the age limit
// bounds how long a revoked session could then still be honoured.
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 20_000;

export type CachedIdentity = {
  actor: Actor;
  expiresAt: number;
  lastSeenAt: number;
};

type Entry = CachedIdentity & { cachedAt: number };

// Who a session cookie or an API token belongs to, kept in memory so that a request does not spend
// a database round trip on it. Every change to users, sessions and tokens empties the entries of its
// workspace on every instance; the cache is bypassed whenever notifications could be missed.
export class IdentityCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly listener: DatabaseListener) {
    listener.subscribe(IDENTITY_CHANNEL, (workspaceId) => this.forget(workspaceId));
  }

  // Taken before reading the database; `set` refuses the result if anything changed meanwhile.
  get version(): number {
    return this.generation;
  }

  get(key: string, now = Date.now()): CachedIdentity | undefined {
    if (!this.listener.isListening) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.cachedAt > MAX_AGE_MS || entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, identity: CachedIdentity, readAtVersion: number, now = Date.now()): void {
    if (!this.listener.isListening || readAtVersion !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { ...identity, cachedAt: now });
  }

  // undefined: every workspace (notifications may have been missed).
  forget(workspaceId: string | undefined): void {
    this.generation += 1;
    if (workspaceId === undefined) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.actor.workspaceId === workspaceId) this.entries.delete(key);
    }
  }
}
