import { useQuery } from "@tanstack/react-query";
import { Cascader } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api.ts";
import type { Answer, RegionWithPath } from "../types.ts";
import { type RegionOption, toRegionOption } from "./CountyCascader.tsx";

const children = async (parent: string | null) => (await api<Answer<"/regions">>("/regions", { query: parent ? { parent } : {} })).items.map(toRegionOption);

/**
 * A region below `root` (the official's region; the provinces for national users), loaded level by
 * level; any level may be chosen, and none means the whole of `root` (the compliance board's
 * prefecture/county filter, the pairing planner's region).
 */
export function RegionFilter({
  root,
  value,
  onChange,
  placeholder,
  testId,
}: {
  root: string | null;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  placeholder: string;
  testId: string;
}) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const path = useQuery({ queryKey: ["region", value], enabled: Boolean(value), queryFn: () => api<RegionWithPath>(`/regions/${value}`) });
  // The codes from below the root down to the chosen region: what the cascader shows.
  const shown = (path.data?.path ?? []).map((r) => r.code).filter((code) => code !== root && (!root || code.startsWith(root.replace(/0+$/, ""))));
  const shownKey = shown.join(",");
  useEffect(() => {
    void (async () => {
      const top = await children(root);
      // A region chosen from the URL: load the levels on its path so the cascader can name it.
      const attach = async (list: RegionOption[], codes: string[]): Promise<RegionOption[]> => {
        const [head, ...rest] = codes;
        if (!head || rest.length === 0) return list;
        return Promise.all(list.map(async (o) => (o.value === head ? { ...o, children: await attach(await children(head), rest) } : o)));
      };
      setOptions(await attach(top, shownKey ? shownKey.split(",") : []));
    })();
  }, [root, shownKey]);
  return (
    <Cascader
      options={options}
      value={shown}
      changeOnSelect
      allowClear
      style={{ minWidth: 200 }}
      placeholder={placeholder}
      aria-label={placeholder}
      data-testid={testId}
      loadData={async (selected) => {
        const target = selected.at(-1) as RegionOption;
        const loaded = await children(target.value);
        const attach = (list: RegionOption[]): RegionOption[] =>
          list.map((o) => (o.value === target.value ? { ...o, children: loaded } : o.children ? { ...o, children: attach(o.children) } : o));
        setOptions((current) => attach(current));
      }}
      onChange={(codes) => onChange((codes as string[] | undefined)?.at(-1))}
    />
  );
}
