import { PlusOutlined } from "@ant-design/icons";
import { NOMINAL_DAYS_DEFAULT, nominalDaysSettings, type RuleConfig } from "@medbridge/core";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Form, Input, InputNumber, Select, Switch, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { may } from "../auth/permissions.ts";
import { useMe } from "../auth/session.ts";
import { FormModal } from "../shared/FormModal.tsx";
import type { RulePack as Pack } from "../types.ts";
import { describeRule, parameterName, usePackName, usePackOptions, useRulePacks } from "./packs.ts";

/** Rule packs are data: the built-ins, and copies a province made with its own numbers. */
export function PacksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const packs = useRulePacks();
  const packName = usePackName();
  const [copying, setCopying] = useState(false);
  return (
    <Card
      title={t("assistance.packs")}
      extra={
        may(me, "write", "rule_pack") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCopying(true)}>
            {t("assistance.copyPack")}
          </Button>
        ) : null
      }
    >
      <Table<Pack>
        rowKey="id"
        loading={packs.isPending}
        dataSource={packs.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t("assistance.packName"),
            render: (_, p) => (
              <>
                {packName(p.id)} {p.builtIn ? <Tag color="blue">{t("rulePack.builtIn")}</Tag> : <Tag color="purple">{t("rulePack.copy")}</Tag>}
              </>
            ),
          },
          { title: t("assistance.basedOn"), dataIndex: "basedOn", render: (b?: string) => (b ? packName(b) : "—") },
          { title: t("assistance.region"), dataIndex: "regionCode", render: (r: string | null) => r ?? "—" },
          {
            title: t("assistance.rules"),
            render: (_, p) => (
              <>
                {p.rules.map((r) => (
                  <div key={r.id}>
                    <b>{t(`rule.${r.id}`)}</b> <span style={{ color: "#8c8c8c" }}>{describeRule(t, r)}</span>
                  </div>
                ))}
                {/* Every pack judges nominal days (and classifies check-ins) when attendance is kept: the default rule, when the pack has none. */}
                {!p.rules.some((r) => r.id === "nominal_days") && (
                  <div data-testid="pack-default-nominal">
                    <b>{t("rule.nominal_days")}</b> <Tag style={{ marginInlineEnd: 4 }}>{t("rulePack.defaultRule")}</Tag>
                    <span style={{ color: "#8c8c8c" }}>{describeRule(t, { ...NOMINAL_DAYS_DEFAULT } as Pack["rules"][number])}</span>
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
      <CopyPack open={copying} onClose={() => setCopying(false)} packs={packs.data?.items ?? []} regionCode={me?.regionCode ?? undefined} />
    </Card>
  );
}

function CopyPack({ open, onClose, packs, regionCode }: { open: boolean; onClose: () => void; packs: Pack[]; regionCode: string | undefined }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const basedOn = Form.useWatch("basedOn", form) as string | undefined;
  const packOptions = usePackOptions((p) => p.builtIn);
  const base = packs.find((p) => p.id === basedOn);
  // The base's numbers, and the nominal-days rule's (with its location parameters) even when the
  // base leaves it to the default: changing them puts the rule into the copy.
  const nominal = nominalDaysSettings(base as { rules: RuleConfig[] } | undefined);
  const numbers = [...(base?.rules ?? []).filter((r) => r.id !== "nominal_days"), nominal].flatMap((r) =>
    Object.entries(r)
      .filter(([k, v]) => k !== "id" && typeof v === "number")
      .map(([k, v]) => ({ rule: r.id, key: k, value: v as number })),
  );
  const switches = base ? (["countAway", "countWithoutLocation"] as const).map((key) => ({ key, value: nominal[key] })) : [];
  const submit = async (values: {
    id: string;
    basedOn: string;
    zh: string;
    en: string;
    regionCode: string;
    parameters?: Record<string, Record<string, number | boolean>>;
  }) => {
    await api("/rule-packs", {
      method: "POST",
      body: {
        id: values.id,
        basedOn: values.basedOn,
        name: { zh: values.zh, en: values.en },
        regionCode: values.regionCode,
        parameters: values.parameters ?? {},
      },
    });
    await client.invalidateQueries({ queryKey: ["rule-packs"] });
  };
  return (
    <FormModal open={open} title={t("assistance.copyPack")} form={form} submit={submit} onClose={onClose} initialValues={{ regionCode }}>
      <Form.Item name="basedOn" label={t("assistance.basedOn")} rules={[{ required: true }]}>
        <Select options={packOptions} />
      </Form.Item>
      <Form.Item name="id" label={t("assistance.packId")} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,60}$/ }]}>
        <Input placeholder="gz_city_tertiary_to_county" />
      </Form.Item>
      <Form.Item name="zh" label={`${t("assistance.packName")} (中文)`} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="en" label={`${t("assistance.packName")} (English)`} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regionCode" label={t("assistance.region")} rules={[{ required: true, pattern: /^[1-9]\d{5}$/ }]}>
        <Input maxLength={6} />
      </Form.Item>
      {numbers.map((n) => (
        <Form.Item
          key={`${n.rule}.${n.key}`}
          name={["parameters", n.rule, n.key]}
          label={`${t(`rule.${n.rule}`)} · ${parameterName(t, n.key)}`}
          initialValue={n.value}
        >
          <InputNumber min={0} style={{ width: "100%" }} data-testid={`pack-parameter-${n.rule}-${n.key}`} />
        </Form.Item>
      ))}
      {switches.map((s) => (
        <Form.Item
          key={`nominal_days.${s.key}`}
          name={["parameters", "nominal_days", s.key]}
          label={`${t("rule.nominal_days")} · ${parameterName(t, s.key)}`}
          initialValue={s.value}
          valuePropName="checked"
        >
          <Switch data-testid={`pack-parameter-nominal_days-${s.key}`} />
        </Form.Item>
      ))}
    </FormModal>
  );
}
