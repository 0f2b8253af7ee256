import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Input, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  title: ReactNode;
  /** Shown as the "New" button when the user may create. */
  onCreate?: (() => void) | false | undefined;
  /** Further buttons beside "New" (an import…). */
  actions?: ReactNode;
  search?: { value: string | undefined; placeholder: string; onSearch: (q: string) => void; width?: number };
  filters?: ReactNode;
  children: ReactNode;
}

/** The frame of every list page: title, "New" button, search box and filters above the table. */
export function ListCard({ title, onCreate, actions, search, filters, children }: Props) {
  const { t } = useTranslation();
  return (
    <Card
      title={title}
      extra={
        (actions || onCreate) && (
          <Space wrap>
            {actions}
            {onCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="list-create">
                {t("common.create")}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {search && (
          <Input.Search
            allowClear
            defaultValue={search.value}
            placeholder={search.placeholder}
            onSearch={search.onSearch}
            style={{ width: search.width ?? 260 }}
            data-testid="list-search"
          />
        )}
        {filters}
      </Space>
      {children}
    </Card>
  );
}
