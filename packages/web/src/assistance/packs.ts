import { nominalDaysSettings, type RuleConfig } from "@medbridge/core";
import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import type { Answer, RulePack } from "../types.ts";

/** The rule packs (built-in and the provinces' copies), loaded once and shared by every page that names one. */
export function useRulePacks() {
  return useQuery({ queryKey: ["rule-packs"], queryFn: () => api<Answer<"/rule-packs">>("/rule-packs"), staleTime: 5 * 60_000 });
}

/** A pack's name in the reader's language (a pack id is never shown); the id only while the list loads. */
export function usePackName(): (id: string) => string {
  const { i18n } = useTranslation();
  const packs = useRulePacks().data?.items ?? [];
  return (id) => {
    const pack = packs.find((p) => p.id === id);
    return pack ? (i18n.language === "en" ? pack.name.en : pack.name.zh) : "";
  };
}

/** Select options of the packs, labelled by name. */
export function usePackOptions(filter: (pack: RulePack) => boolean = () => true) {
  const name = usePackName();
  return (useRulePacks().data?.items ?? []).filter(filter).map((p) => ({ value: p.id, label: name(p.id) }));
}

/** A rule's numbers in words ("至少 5 人", "副主任医师及以上 1 人"), never its parameter names. */
export function describeRule(t: TFunction, rule: RulePack["rules"][number]): string {
  const r = rule as Record<string, unknown>;
  const params: Record<string, unknown> = { ...r };
  if (typeof r.minTitle === "string") params.minTitle = t(`title.${r.minTitle}`);
  if (Array.isArray(r.roles)) params.roles = r.roles.map((x) => t(`dispatchRole.${x}`)).join(t("rulePack.and"));
  if (typeof r.maxShare === "number") params.maxShare = Math.round(r.maxShare * 100);
  const text = t(`rulePack.describe.${String(r.id)}`, params);
  if (r.id !== "nominal_days") return text;
  // The location parameters, with their defaults when a stored pack predates them.
  const settings = nominalDaysSettings({ rules: [rule as unknown as RuleConfig] });
  const counted = (yes: boolean) => t(yes ? "rulePack.counted" : "rulePack.notCounted");
  return `${text}${t("rulePack.describe.nominal_location", {
    radius: settings.onSiteRadiusMeters,
    away: counted(settings.countAway),
    without: counted(settings.countWithoutLocation),
  })}`;
}

/** A rule parameter's name in words (for the copy form's number fields). */
export function parameterName(t: TFunction, key: string): string {
  return t(`rulePack.parameter.${key}`, { defaultValue: t("rulePack.parameter.value") });
}
