import { Form, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { UpdatePoolSettingsSchema } from "../../../../shared/schemas/customers";
import { usePoolSettings, useUpdatePoolSettings } from "./settings.api";
import { SettingsFormPage } from "./settings-form-page";

export function PoolSettingsPage() {
  const { t } = useTranslation();
  return (
    <SettingsFormPage
      name="poolSettings"
      title={t("poolSettings.title")}
      subtitle={t("poolSettings.subtitle")}
      savedMessage={t("poolSettings.savedMessage")}
      schema={UpdatePoolSettingsSchema}
      settings={usePoolSettings()}
      update={useUpdatePoolSettings()}
    >
      {(field) => (
        <>
          <Form.Item
            label={t("poolSettings.releaseAfterDays")}
            name="releaseAfterDays"
            extra={t("poolSettings.releaseAfterDaysHelp")}
            {...field("releaseAfterDays")}
          >
            <InputNumber min={1} precision={0} suffix={t("poolSettings.days")} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            label={t("poolSettings.maxPrivatePerRep")}
            name="maxPrivatePerRep"
            extra={t("poolSettings.maxPrivatePerRepHelp")}
            {...field("maxPrivatePerRep")}
          >
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            label={t("poolSettings.reclaimCooldownDays")}
            name="reclaimCooldownDays"
            extra={t("poolSettings.reclaimCooldownDaysHelp")}
            {...field("reclaimCooldownDays")}
          >
            <InputNumber min={0} precision={0} suffix={t("poolSettings.days")} style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
    </SettingsFormPage>
  );
}
