import {
  SHIPMENT_DETAILS,
  type Shipment,
  type ShipmentDetail,
  type ShipmentMode,
  type UpdateShipmentInput,
} from "../../../../shared/schemas/shipments";
import { type Dayjs, dayjs } from "../../lib/time";

const DATE_DETAILS = ["etd", "eta", "blDate"] as const satisfies readonly ShipmentDetail[];
export type DateDetail = (typeof DATE_DETAILS)[number];
const isDateDetail = (key: ShipmentDetail): key is DateDetail =>
  (DATE_DETAILS as readonly string[]).includes(key);

export type DetailValues = { mode: ShipmentMode } & {
  [K in ShipmentDetail]?: K extends DateDetail ? Dayjs | null : string;
};

// The form's values for a shipment: calendar dates as pickers need them, absent details empty.
export function detailValuesOf(shipment: Shipment): DetailValues {
  const values: DetailValues = { mode: shipment.mode };
  for (const key of SHIPMENT_DETAILS) {
    const value = shipment[key];
    if (value === null) continue;
    if (isDateDetail(key)) values[key] = dayjs(value);
    else values[key] = value;
  }
  return values;
}

// The details as the API takes them: trimmed text and YYYY-MM-DD dates, blanks as null.
export function detailInput(values: DetailValues): Record<ShipmentDetail, string | null> {
  return Object.fromEntries(
    SHIPMENT_DETAILS.map((key) => {
      const value = values[key];
      if (isDateDetail(key)) return [key, value ? (value as Dayjs).format("YYYY-MM-DD") : null];
      const text = typeof value === "string" ? value.trim() : "";
      return [key, text === "" ? null : text];
    }),
  ) as Record<ShipmentDetail, string | null>;
}

// Only what changed goes to the API, so the audit trail names exactly the edited details.
export function shipmentChanges(shipment: Shipment, values: DetailValues): UpdateShipmentInput {
  const details = detailInput(values);
  const changed = SHIPMENT_DETAILS.filter((key) => details[key] !== shipment[key]).map((key) => [
    key,
    details[key],
  ]);
  return {
    ...Object.fromEntries(changed),
    ...(values.mode !== shipment.mode ? { mode: values.mode } : {}),
  };
}
