import { AppError } from "../../lib/app-error";

// Counts sign-in attempts per account in fixed one-minute windows, so guessing one account's password
// from many addresses is slowed down too (the per-address limit is @fastify/rate-limit's). Kept in
// memory: each app instance counts on its own, which bounds an attacker to limit × instances.
export class LoginThrottle {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(account: string): void {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(account);
    if (!window || window.resetAt <= now) {
      this.windows.set(account, { count: 1, resetAt: now + 60_000 });
      return;
    }
    window.count += 1;
    if (window.count > this.maxPerMinute) {
      throw new AppError(
        "rate_limited",
        "Too many sign-in attempts for this account. Wait a minute and try again.",
      );
    }
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
