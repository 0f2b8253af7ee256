import { useQuery } from "@tanstack/react-query";
import { Select, type SelectProps, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Page } from "../api.ts";
import type { Answer, Institution } from "../types.ts";

/** What a picker suggests first: the caller's partners for a referral (up or down) or a telemedicine request. */
export interface Suggest {
  purpose: "referral" | "telemedicine";
  direction?: "up" | "down";
  /** The patient's home county: its county hospital is suggested too. */
  county?: string;
}

export type Partner = Answer<"/institutions/partners">["items"][number];

/** The caller's partners for a purpose, best first (agreement, alliance, county hospital); none without `suggest`. */
export function usePartners(suggest: Suggest | undefined) {
  return useQuery({
    queryKey: ["institutions", "partners", suggest],
    queryFn: () => api<Answer<"/institutions/partners">>("/institutions/partners", { query: { ...suggest } }),
    enabled: !!suggest,
    staleTime: 5 * 60_000,
  });
}

/**
 * Searchable institution picker (asks the server as you type). With `suggest`, the caller's
 * partners come first, each with why (paired supporter, alliance member, county hospital), then the
 * search over all institutions.
 */
export function InstitutionSelect(props: {
  /** Given by Form.Item so the label points at the input. */
  id?: string;
  value?: string | string[];
  onChange?: (id: string | string[]) => void;
  placeholder?: string;
  kind?: string;
  multiple?: boolean;
  suggest?: Suggest;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const { data, isFetching } = useQuery({
    queryKey: ["institutions", "select", q, props.kind],
    queryFn: () => api<Page<Institution>>("/institutions", { query: { q, pageSize: 20, kind: props.kind } }),
  });
  const partners = usePartners(props.suggest);
  const suggested = (partners.data?.items ?? []).filter((p) => !q.trim() || p.name.includes(q.trim()) || p.id === props.value);
  const taken = new Set(suggested.map((p) => p.id));
  const all = (data?.items ?? []).filter((i) => !taken.has(i.id)).map((i) => ({ value: i.id, label: `${i.name}（${i.regionName}）` }));
  const options: SelectProps["options"] = props.suggest
    ? [
        ...(suggested.length
          ? [
              {
                label: t("referralPath.suggested"),
                options: suggested.map((p) => ({
                  value: p.id,
                  label: (
                    <span data-testid="partner-option">
                      {p.name}（{p.regionName}） <Tag color="blue">{t(`referralPath.partnerReason.${p.reason}`)}</Tag>
                    </span>
                  ),
                })),
              },
            ]
          : []),
        { label: t("referralPath.allInstitutions"), options: all },
      ]
    : all;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder}
      mode={props.multiple ? "multiple" : undefined}
      loading={isFetching || partners.isFetching}
      options={options}
      data-testid={props.testId}
    />
  );
}
