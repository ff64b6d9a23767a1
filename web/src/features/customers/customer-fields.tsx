import { Col, Form, type FormItemProps, Input, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { CUSTOMER_SOURCES, CUSTOMER_STAGES, CUSTOMER_TIERS } from "../../../../shared/schemas/customers";
import { CountrySelect, CurrencySelect, TimeZoneSelect } from "../../components/pickers";

// The company fields the create and the edit forms share; both schemas name them alike.
type FieldName =
  | "name"
  | "localName"
  | "country"
  | "city"
  | "address"
  | "website"
  | "phones"
  | "industry"
  | "source"
  | "tier"
  | "stage"
  | "tags"
  | "productsOfInterest"
  | "estimatedAnnualPurchase"
  | "estimatedAnnualCurrency"
  | "notes"
  | "timeZone";

type Props = {
  field: (name: FieldName) => Pick<FormItemProps, "required" | "rules">;
  // The edit form also shows what is rarely known when a customer is first entered.
  detailed: boolean;
};

const half = { xs: 24, sm: 12 } as const;

export function CustomerFields({ field, detailed }: Props) {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item label={t("customerFields.name")} name="name" {...field("name")}>
          <Input autoComplete="off" placeholder={t("customerFields.namePlaceholder")} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          label={t("customerFields.localName")}
          name="localName"
          tooltip={t("customerFields.localNameHelp")}
          {...field("localName")}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t("customerFields.country")} name="country" {...field("country")}>
          <CountrySelect placeholder={t("customerFields.countryPlaceholder")} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t("customerFields.city")} name="city" {...field("city")}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      {detailed ? (
        <Col span={24}>
          <Form.Item label={t("customerFields.address")} name="address" {...field("address")}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      ) : null}
      <Col {...half}>
        <Form.Item label={t("customerFields.website")} name="website" {...field("website")}>
          <Input autoComplete="off" placeholder="acme.de" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          label={t("customerFields.phones")}
          name="phones"
          tooltip={t("customerFields.phonesHelp")}
          {...field("phones")}
        >
          <Select mode="tags" open={false} tokenSeparators={[",", ";"]} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col xs={8} sm={6}>
        <Form.Item label={t("customerFields.tier")} name="tier" {...field("tier")}>
          <Select
            options={CUSTOMER_TIERS.map((tier) => ({
              value: tier,
              label: t("customers.tierTag", { tier }),
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={16} sm={8}>
        <Form.Item label={t("customerFields.stage")} name="stage" {...field("stage")}>
          <Select options={CUSTOMER_STAGES.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={10}>
        <Form.Item label={t("customerFields.source")} name="source" {...field("source")}>
          <Select
            allowClear
            options={CUSTOMER_SOURCES.map((source) => ({ value: source, label: t(`sources.${source}`) }))}
          />
        </Form.Item>
      </Col>
      {detailed ? (
        <>
          <Col {...half}>
            <Form.Item label={t("customerFields.industry")} name="industry" {...field("industry")}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t("customerFields.timeZone")}
              name="timeZone"
              tooltip={t("customerFields.timeZoneHelp")}
              {...field("timeZone")}
            >
              <TimeZoneSelect allowClear />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t("customerFields.estimatedAnnualPurchase")}
              name="estimatedAnnualPurchase"
              {...field("estimatedAnnualPurchase")}
            >
              <Input inputMode="decimal" placeholder="250000.00" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              label={t("customerFields.estimatedAnnualCurrency")}
              name="estimatedAnnualCurrency"
              {...field("estimatedAnnualCurrency")}
            >
              <CurrencySelect allowClear />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col {...half}>
        <Form.Item label={t("customerFields.tags")} name="tags" {...field("tags")}>
          <Select mode="tags" open={false} tokenSeparators={[",", "，"]} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          label={t("customerFields.productsOfInterest")}
          name="productsOfInterest"
          {...field("productsOfInterest")}
        >
          <Select mode="tags" open={false} tokenSeparators={[",", "，"]} suffixIcon={null} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label={t("customerFields.notes")} name="notes" {...field("notes")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}
