import type { UseQueryResult } from "@tanstack/react-query";
import { Empty } from "antd";
import { useTranslation } from "react-i18next";
import type { Page } from "../api.ts";
import { ResponsiveTable, type ResponsiveTableProps } from "./ResponsiveTable.tsx";
import { sortParam } from "./useListParams.ts";

interface Props<T> extends Omit<ResponsiveTableProps<T>, "dataSource" | "pagination" | "onChange" | "loading"> {
  list: UseQueryResult<Page<T>>;
  query: { page: number; pageSize: number };
  update: (changes: { page?: number; pageSize?: number; sort?: string | undefined }) => void;
}

/**
 * A server-paginated, server-sorted table over a list query: loading, empty and error states
 * included; on a phone its rows are cards (columns say where they go: ResponsiveColumn's `phone`).
 */
export function PagedTable<T extends object>({ list, query, update, rowKey = "id", ...rest }: Props<T>) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable<T>
      rowKey={rowKey}
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty description={list.error ? (list.error as Error).message : t("common.empty")} /> }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t("common.total", { total }),
      }}
      onChange={(p, _filters, sorter) => update({ page: p.current, pageSize: p.pageSize, sort: sortParam(sorter) })}
      {...rest}
    />
  );
}
