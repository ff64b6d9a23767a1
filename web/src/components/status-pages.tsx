import { useNavigate, useRouter } from "@tanstack/react-router";
import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
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

type RecordQuery<T> = { isPending: boolean; error: unknown; data: T | undefined };

// The frame of every record page: loading, the record's own 404 (a record the user may not see is one
// too), any other failure with a retry, then the record itself.
export function RecordPage<T>({
  query,
  notFound,
  children,
}: {
  query: RecordQuery<T>;
  notFound: { title: string; subTitle: string; extra: ReactNode };
  children: (record: T) => ReactNode;
}) {
  if (query.error) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <Result status="404" title={notFound.title} subTitle={notFound.subTitle} extra={notFound.extra} />
      );
    }
    return <RouteErrorPage error={query.error} />;
  }
  if (query.isPending || query.data === undefined) return <PageLoading />;
  return <>{children(query.data)}</>;
}
