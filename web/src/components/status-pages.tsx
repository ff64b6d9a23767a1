import { useNavigate, useRouter } from "@tanstack/react-router";
import { Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t("errors.notFoundTitle")}
      subTitle={t("errors.notFound")}
      extra={
        <Button type="primary" onClick={() => void navigate({ to: "/" })}>
          {t("common.backHome")}
        </Button>
      }
    />
  );
}

export function RouteErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <Result
      status="error"
      title={t("errors.loadFailed")}
      subTitle={errorMessage(error, t)}
      extra={
        <Button type="primary" onClick={() => void router.invalidate()}>
          {t("common.retry")}
        </Button>
      }
    />
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: 64 }}>
      <Spin description={t("common.loading")} />
    </div>
  );
}
