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
import { SHIPMENT_MODES, type Shipment, type ShipmentDetail } from "../../../../shared/schemas/shipments";
import { useShowError } from "../../lib/errors";
import { type DateDetail, type DetailValues, detailValuesOf, shipmentChanges } from "./shipment-details";
import { useUpdateShipment } from "./shipments.api";

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
