import { expect } from "vitest";
import type { Client } from "../../../test/harness";
import { ok, quotationBody, type TradeWorld } from "../quotations/trade-fixtures";

// A confirmed order of Acme (owner: rep A) priced at list, so it needs no approval:
// 100 mugs at 2.50 and 10 lamps at 15.00 = 400.00 USD, paid 30% on confirmation and 70% before shipment.
export async function confirmedOrder(
  w: TradeWorld,
  overrides: Record<string, unknown> = {},
  client?: Client,
) {
  const { validUntil: _validUntil, ...body } = quotationBody(w, {
    lines: [
      { productId: w.ids.mug, quantity: 100, unitPrice: "2.50" },
      { productId: w.ids.lamp, quantity: 10, unitPrice: "15.00" },
    ],
    ...overrides,
  });
  const owner = client ?? w.repA;
  const draft = await ok(owner.post("/api/orders", body));
  const order = await ok(owner.post(`/api/orders/${draft.id}/submit`, {}), 200);
  expect(order.status, JSON.stringify(order.notes)).toBe("confirmed");
  return order as { id: string; number: string; total: string; lines: { id: string; sku: string }[] };
}
