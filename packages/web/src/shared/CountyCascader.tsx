import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api.ts";
import type { Answer, Region } from "../types.ts";

/** A region as a cascader option, loaded level by level (a county is a leaf). */
export interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

export const toRegionOption = (r: Region): RegionOption => ({ value: r.code, label: r.name, isLeaf: r.level === "county" });

/**
 * Picks a county (province → city → county, loaded level by level from the regions API). The form
 * value is the county's code; a city without counties (东莞, 中山…) is itself selectable.
 */
export function CountyCascader({ value, onChange, placeholder }: { value?: string; onChange?: (code: string | undefined) => void; placeholder?: string }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    void api<Answer<"/regions">>("/regions").then(({ items }) => setOptions(items.map(toRegionOption)));
  }, []);
  // A value set from outside (a reset) clears the shown path.
  useEffect(() => {
    if (!value) setPath([]);
  }, [value]);

  const loadData = async (selected: RegionOption[]) => {
    const target = selected[selected.length - 1] as RegionOption;
    const { items } = await api<Answer<"/regions">>("/regions", { query: { parent: target.value } });
    const attach = (list: RegionOption[]): RegionOption[] =>
      list.map((o) =>
        o.value === target.value
          ? { ...o, isLeaf: items.length === 0, ...(items.length > 0 && { children: items.map(toRegionOption) }) }
          : o.children
            ? { ...o, children: attach(o.children) }
            : o,
      );
    setOptions((current) => attach(current));
  };

  return (
    <Cascader<RegionOption>
      options={options}
      loadData={loadData}
      value={path}
      placeholder={placeholder}
      allowClear
      showSearch={false}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        setPath(list);
        onChange?.(list.length ? list[list.length - 1] : undefined);
      }}
      style={{ width: "100%" }}
      // Three columns of long names (黔东南苗族侗族自治州) do not fit a 390 px phone: each column may
      // take a third of the screen and wraps.
      optionRender={(option) => <span style={{ whiteSpace: "normal" }}>{option.label}</span>}
      dropdownMenuColumnStyle={{ maxWidth: "31vw", minWidth: 0, whiteSpace: "normal", height: "auto" }}
    />
  );
}
