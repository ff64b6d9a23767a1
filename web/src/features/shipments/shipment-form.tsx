import {
  App,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Row,
  Select,
} from "antd";
import { useTranslation } from "react-i18next";
import { CONTAINER_TYPES } from "../../../../shared/schemas/quotations";
import {
  SHIPMENT_DETAILS,
  SHIPMENT_MODES,
  type Shipment,
  type ShipmentDetail,
  type ShipmentMode,
  type UpdateShipmentInput,
} from "../../../../shared/schemas/shipments";
import { useShowError } from "../../lib/errors";
import { type Dayjs, dayjs } from "../../lib/time";
import { useUpdateShipment } from "./shipments.api";

const DATE_DETAILS = ["etd", "eta", "blDate"] as const satisfies readonly ShipmentDetail[];
type DateDetail = (typeof DATE_DETAILS)[number];
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

const TEXT_LIMITS: Partial<Record<ShipmentDetail, number>> = {
  containerType: 40,
  containerNumber: 40,
  sealNumber: 40,
  voyage: 40,
  bookingNumber: 80,
  blNumber: 80,
  customsDeclarationNumber: 80,
  trackingNumber: 80,
};

function TextField({ name }: { name: Exclude<ShipmentDetail, DateDetail> }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`shipmentFields.${name}`)} name={name}>
      <Input maxLength={TEXT_LIMITS[name] ?? 200} />
    </Form.Item>
  );
}

function DateField({ name }: { name: DateDetail }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(`shipmentFields.${name}`)} name={name}>
      <DatePicker style={{ width: "100%" }} />
    </Form.Item>
  );
}

// The transport details, shared by planning a shipment and editing one. `full` adds what is only
// known once the goods move (seal, B/L, customs declaration).
export function ShipmentDetailFields({ full = true }: { full?: boolean }) {
  const { t } = useTranslation();
  const half = { xs: 24, sm: 12 };
  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item
          label={t("shipmentFields.mode")}
          name="mode"
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            options={SHIPMENT_MODES.map((mode) => ({ value: mode, label: t(`shipmentModes.${mode}`) }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <TextField name="forwarder" />
      </Col>
      <Col {...half}>
        <TextField name="portOfLoading" />
      </Col>
      <Col {...half}>
        <TextField name="portOfDischarge" />
      </Col>
      <Col {...half}>
        <DateField name="etd" />
      </Col>
      <Col {...half}>
        <DateField name="eta" />
      </Col>
      <Col {...half}>
        <Form.Item label={t("shipmentFields.containerType")} name="containerType">
          {/* The common three are offered; another type (45HQ, 20RF…) is typed in. */}
          <AutoComplete
            allowClear
            maxLength={40}
            options={CONTAINER_TYPES.map((type) => ({ value: type }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <TextField name="containerNumber" />
      </Col>
      <Col {...half}>
        <TextField name="bookingNumber" />
      </Col>
      <Col {...half}>
        <TextField name="trackingNumber" />
      </Col>
      {full ? (
        <>
          <Col {...half}>
            <TextField name="vessel" />
          </Col>
          <Col {...half}>
            <TextField name="voyage" />
          </Col>
          <Col {...half}>
            <TextField name="sealNumber" />
          </Col>
          <Col {...half}>
            <TextField name="customsDeclarationNumber" />
          </Col>
          <Col {...half}>
            <TextField name="blNumber" />
          </Col>
          <Col {...half}>
            <DateField name="blDate" />
          </Col>
        </>
      ) : null}
    </Row>
  );
}

export function EditShipmentDrawer({
  shipment,
  open,
  onClose,
}: {
  shipment: Shipment;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<DetailValues>();
  const update = useUpdateShipment(shipment.id);
  const showError = useShowError();

  const submit = (values: DetailValues) => {
    const changes = shipmentChanges(shipment, values);
    if (Object.keys(changes).length === 0) return onClose();
    update.mutate(changes, {
      onSuccess: () => {
        void message.success(t("shipments.saved"));
        onClose();
      },
      onError: (error) => showError(error, form),
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("shipments.editTitle", { number: shipment.number })}
      size={screens.md === false ? "100%" : 640}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        </Flex>
      }
    >
      <Form
        name="editShipment"
        form={form}
        layout="vertical"
        clearOnDestroy
        initialValues={detailValuesOf(shipment)}
        onFinish={submit}
      >
        <ShipmentDetailFields />
      </Form>
    </Drawer>
  );
}
