import type { Rng } from "../../server/seed/company-generator";

export type Percentiles = { p50Ms: number; p95Ms: number; p99Ms: number };

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

// Nearest-rank percentiles of latencies in milliseconds.
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

// Runs one call per item, one after the other, and returns each call's duration in milliseconds.
export async function timeEach<T>(
  items: readonly T[],
  call: (item: T) => Promise<unknown>,
): Promise<number[]> {
  const durations: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await call(item);
    durations.push(performance.now() - started);
  }
  return durations;
}

// A copy in an order drawn from the generator (Fisher–Yates).
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let at = copy.length - 1; at > 0; at--) {
    const other = Math.floor(rng() * (at + 1));
    [copy[at], copy[other]] = [copy[other] as T, copy[at] as T];
  }
  return copy;
}

// Items in a repeatable order, cycled to the wanted count.
export function cycle<T>(items: readonly T[], count: number): T[] {
  if (items.length === 0) throw new Error("nothing to sample from");
  return Array.from({ length: count }, (_, at) => items[at % items.length] as T);
}
