import { describe, expect, it } from "vitest";
import { actionItemsFromMinutes } from "./action-items";

describe("action items from minutes", () => {
  it("takes the list under an action-items heading and stops at the next heading", () => {
    const minutes = [
      "## Decisions",
      "- Quote FOB Ningbo with a 30% deposit.",
      "",
      "## Action items",
      "- Collect the factory lead times.",
      "* [ ] Send the Canton Fair invitation",
      "1. Book the showroom",
      "",
      "## Notes",
      "- Not an action item",
    ].join("\n");
    expect(actionItemsFromMinutes(minutes)).toEqual([
      "Collect the factory lead times",
      "Send the Canton Fair invitation",
      "Book the showroom",
    ]);
  });

  it("reads Chinese headings and a colon heading", () => {
    expect(actionItemsFromMinutes("行动项：\n- 确认交期。\n- 寄样品")).toEqual(["确认交期", "寄样品"]);
    expect(actionItemsFromMinutes("### 后续\n1) 报价")).toEqual(["报价"]);
  });

  it("gives nothing without an action-items heading, and no duplicates", () => {
    expect(actionItemsFromMinutes("- one\n- two")).toEqual([]);
    expect(actionItemsFromMinutes("Action items:\n- same\n- same")).toEqual(["same"]);
  });
});
