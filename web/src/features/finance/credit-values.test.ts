import { describe, expect, it } from "vitest";
import { UpdateCustomerCreditInputSchema } from "../../../../shared/schemas/credit";
import { dayjs } from "../../lib/time";
import { fieldOf, initialValues, toInput } from "./credit-values";

describe("credit form values", () => {
  it("sends a limit with Sinosure cover as the API nests it, blanks as null", () => {
    const input = toInput({
      creditLimit: " 50000 ",
      currency: "USD",
      insured: true,
      insurer: " Sinosure 中国信保 ",
      policyNumber: "",
      approvedLimit: "40000",
      insuranceCurrency: "USD",
      expiresOn: dayjs("2027-06-30"),
    });
    expect(input).toEqual({
      creditLimit: "50000",
      currency: "USD",
      insurance: {
        insurer: "Sinosure 中国信保",
        policyNumber: null,
        approvedLimit: "40000",
        currency: "USD",
        expiresOn: "2027-06-30",
      },
    });
    expect(UpdateCustomerCreditInputSchema.safeParse(input).success).toBe(true);
  });

  it("removes the limit and the insurance when both are emptied", () => {
    const input = toInput({ creditLimit: "", currency: undefined, insured: false, insurer: "Coface" });
    expect(input).toEqual({ creditLimit: null, currency: null, insurance: null });
    expect(UpdateCustomerCreditInputSchema.safeParse(input).success).toBe(true);
  });

  it("lets the shared schema refuse a limit without its currency, on the currency field", () => {
    const parsed = UpdateCustomerCreditInputSchema.safeParse(
      toInput({ creditLimit: "1000", insured: false }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => fieldOf(issue.path))).toEqual(["currency"]);
  });

  it("places an insurance issue on the form's own field", () => {
    expect(fieldOf(["insurance", "currency"])).toBe("insuranceCurrency");
    expect(fieldOf(["insurance", "insurer"])).toBe("insurer");
    expect(fieldOf(["creditLimit"])).toBe("creditLimit");
  });

  it("fills the form from what the API answered, and back again unchanged", () => {
    const credit = {
      customerId: "00000000-0000-4000-8000-000000000001",
      creditLimit: "3000.00",
      currency: "EUR",
      insurance: {
        insurer: "Atradius",
        policyNumber: "AT-77",
        approvedLimit: null,
        currency: null,
        expiresOn: "2026-12-31",
      },
      exposure: "0.00",
      usedPercent: 0,
      level: "ok" as const,
      insuranceExpired: false,
      unconverted: [],
    };
    expect(toInput(initialValues(credit))).toEqual({
      creditLimit: "3000.00",
      currency: "EUR",
      insurance: {
        insurer: "Atradius",
        policyNumber: "AT-77",
        approvedLimit: null,
        currency: null,
        expiresOn: "2026-12-31",
      },
    });
  });
});
