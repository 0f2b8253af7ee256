import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import { api, type Page } from "../api.ts";
import type { Institution } from "../types.ts";

/** Searchable institution picker (asks the server as you type). */
export function InstitutionSelect(props: {
  /** Given by Form.Item so the label points at the input. */
  id?: string;
  value?: string | string[];
  onChange?: (id: string | string[]) => void;
  placeholder?: string;
  kind?: string;
  multiple?: boolean;
}) {
  const [q, setQ] = useState("");
  const { data, isFetching } = useQuery({
    queryKey: ["institutions", "select", q, props.kind],
    queryFn: () => api<Page<Institution>>("/institutions", { query: { q, pageSize: 20, kind: props.kind } }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder}
      mode={props.multiple ? "multiple" : undefined}
      loading={isFetching}
      options={data?.items.map((i) => ({ value: i.id, label: `${i.name}（${i.regionName}）` }))}
    />
  );
}
