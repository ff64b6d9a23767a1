import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { RecordPage } from "../../components/status-pages";
import { useShipment } from "./shipments.api";

const route = getRouteApi("/app/shipments/$shipmentId");

export function ShipmentDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { shipmentId } = route.useParams();
  const shipment = useShipment(shipmentId);
  return (
    <RecordPage
      query={shipment}
      notFound={{
        title: t("shipments.notFoundTitle"),
        subTitle: t("shipments.notFound"),
        extra: (
          <Button type="primary" onClick={() => void navigate({ to: "/shipments", search: {} })}>
            {t("shipments.backToList")}
          </Button>
        ),
      }}
    >
      {(record) => <h3>{t("shipments.heading", { number: record.number })}</h3>}
    </RecordPage>
  );
}
