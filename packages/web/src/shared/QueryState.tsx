import { Button, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.ts";

/** Loading, error (with retry) and not-found states for a query, then the content. */
export function QueryState({ query, children }: { query: { isPending: boolean; error: unknown; refetch: () => unknown }; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <Spin style={{ display: "block", margin: "80px auto" }} />;
  if (query.error) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? "404" : "error"}
        title={notFound ? "404" : t("common.error")}
        subTitle={notFound ? t("common.notFound") : (query.error as Error).message}
        extra={notFound ? null : <Button onClick={() => query.refetch()}>{t("common.retry")}</Button>}
      />
    );
  }
  return <>{children()}</>;
}
