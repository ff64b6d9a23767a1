import { setImmediate } from "node:timers/promises";

// A loop of database calls on PGlite resolves through promises alone, so Node never gets back to its
// event loop: incoming requests wait until the loop ends (a 100,000-row import stalled every page for
// over a minute). Awaiting this between batches lets the requests that arrived meanwhile run first.
export function yieldToEventLoop(): Promise<void> {
  return setImmediate();
}
