import { EditOutlined } from "@ant-design/icons";
import { day, formatDay, RATING_ASPECTS, RATING_COMMENT_MAX, RATING_OPENS_DAYS_BEFORE, type RatingAspect } from "@medbridge/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Form, Input, List, Rate, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { FormModal } from "../shared/FormModal.tsx";
import type { Answer } from "../types.ts";

type Ratings = Answer<"/agreements/{id}/ratings">;
type RatedStay = Ratings["stays"][number];
type StayPeriod = RatedStay["periods"][number];
type Person = Ratings["people"][number];
type Scores = Record<RatingAspect, number>;

/** `end` → "end of stay", `2026-Q1` → "2026 Q1", in the reader's language. */
function usePeriodName() {
  const { t } = useTranslation();
  return (period: string) => {
    const m = /^(\d{4})-Q([1-4])$/.exec(period);
    return m ? t("ratings.quarter", { year: m[1], q: m[2] }) : t("ratings.end");
  };
}

const mean = (r: Scores) => RATING_ASPECTS.reduce((s, a) => s + r[a], 0) / RATING_ASPECTS.length;

/**
 * The recipient's judgement of the agreement's stationed people (issue 16 item 4): the recipient's
 * coordinator rates each stay's due periods; the supporters and officials see per-person
 * aggregates, never who rated or when; the stationed person sees their own. The server decides the
 * view (it answers `view`), this only shows it.
 */
export function RatingsCard({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ["ratings", agreementId], queryFn: () => api<Ratings>(`/agreements/${agreementId}/ratings`) });
  const data = query.data;
  const hint = data ? t(`ratings.hint.${data.view}`) : null;
  return (
    <Card title={t("ratings.title")} size="small" loading={query.isPending} data-testid="ratings-card">
      {query.error ? (
        <Typography.Text type="danger">{(query.error as Error).message}</Typography.Text>
      ) : data ? (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Text type="secondary">{hint}</Typography.Text>
          {data.view === "recipient" ? <RecipientList agreementId={agreementId} stays={data.stays} /> : <Aggregates people={data.people} />}
        </Space>
      ) : null}
    </Card>
  );
}

/** The recipient's coordinator: each stay with its periods; stays with a period waiting come first. */
function RecipientList({ agreementId, stays }: { agreementId: string; stays: RatedStay[] }) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  const [rating, setRating] = useState<{ stay: RatedStay; period: StayPeriod } | null>(null);
  const waiting = (s: RatedStay) => s.periods.filter((p) => p.due && !p.rating).length;
  const ordered = [...stays].sort((a, b) => Number(waiting(b) > 0) - Number(waiting(a) > 0));
  const pending = stays.reduce((n, s) => n + waiting(s), 0);
  if (stays.length === 0) return <Empty description={t("ratings.noStays")} />;
  return (
    <>
      {pending > 0 && <Alert type="warning" showIcon title={t("ratings.pending", { count: pending })} data-testid="ratings-pending" />}
      <List
        dataSource={ordered}
        pagination={ordered.length > 6 ? { pageSize: 6, size: "small" } : false}
        renderItem={(s) => (
          <List.Item key={s.dispatchId} data-testid="rating-stay">
            <Space orientation="vertical" size={6} style={{ width: "100%" }}>
              <Space wrap size={[8, 0]}>
                <Typography.Text strong>{s.practitionerName}</Typography.Text>
                <Typography.Text type="secondary">{t(`dispatchRole.${s.role}`)}</Typography.Text>
                <Typography.Text type="secondary">
                  {s.start} — {s.end}
                </Typography.Text>
              </Space>
              <Space wrap size={[8, 8]}>
                {s.periods.map((p) =>
                  p.due ? (
                    <Button
                      key={p.period}
                      size="small"
                      type={p.rating ? "default" : "primary"}
                      icon={p.rating ? <EditOutlined /> : null}
                      iconPlacement="end"
                      onClick={() => setRating({ stay: s, period: p })}
                      data-testid={`rate-${p.period}`}
                    >
                      {periodName(p.period)} · {p.rating ? t("ratings.score", { score: mean(p.rating).toFixed(1) }) : t("ratings.rate")}
                    </Button>
                  ) : (
                    <Tag key={p.period}>
                      {periodName(p.period)} · {t("ratings.opens", { date: opensOn(p.lastDay) })}
                    </Tag>
                  ),
                )}
              </Space>
            </Space>
          </List.Item>
        )}
      />
      {rating && <RateDialog agreementId={agreementId} stay={rating.stay} period={rating.period} onClose={() => setRating(null)} />}
    </>
  );
}

/** The day a period opens for rating (core's rule: RATING_OPENS_DAYS_BEFORE days before its last day). */
function opensOn(lastDay: string): string {
  return formatDay(day(lastDay) - RATING_OPENS_DAYS_BEFORE);
}

function RateDialog({ agreementId, stay, period, onClose }: { agreementId: string; stay: RatedStay; period: StayPeriod; onClose: () => void }) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  const [form] = Form.useForm<Scores & { comment?: string }>();
  const client = useQueryClient();
  const submit = async (values: Scores & { comment?: string }) => {
    const body = { ...Object.fromEntries(RATING_ASPECTS.map((a) => [a, values[a]])), ...(values.comment?.trim() && { comment: values.comment.trim() }) };
    await api(`/dispatches/${stay.dispatchId}/ratings/${period.period}`, { method: "PUT", body });
    await client.invalidateQueries({ queryKey: ["ratings", agreementId] });
  };
  const initial = period.rating
    ? { ...Object.fromEntries(RATING_ASPECTS.map((a) => [a, (period.rating as Scores)[a]])), comment: period.rating.comment ?? undefined }
    : {};
  return (
    <FormModal
      open
      title={t("ratings.dialog", { name: stay.practitionerName, period: periodName(period.period) })}
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={initial}
    >
      <Typography.Paragraph type="secondary">{t("ratings.scale")}</Typography.Paragraph>
      {RATING_ASPECTS.map((a) => (
        <Form.Item key={a} name={a} label={t(`ratings.aspect.${a}`)} rules={[{ required: true, message: t("ratings.required") }]} style={{ marginBottom: 12 }}>
          <Rate data-testid={`rate-${a}`} />
        </Form.Item>
      ))}
      <Form.Item name="comment" label={t("ratings.comment")}>
        <Input.TextArea rows={3} maxLength={RATING_COMMENT_MAX} showCount placeholder={t("ratings.commentPlaceholder")} />
      </Form.Item>
    </FormModal>
  );
}

/** The supporters', officials' and the person's own view: means, how many ratings, what is still to rate. */
function Aggregates({ people }: { people: Person[] }) {
  const { t } = useTranslation();
  const periodName = usePeriodName();
  // What needs attention first: low ratings, then periods still to rate; then by name (the server's order).
  const shown = people
    .filter((p) => p.count > 0 || p.unrated.length > 0)
    .sort((a, b) => Number(b.low > 0) - Number(a.low > 0) || Number(b.unrated.length > 0) - Number(a.unrated.length > 0));
  if (shown.length === 0) return <Empty description={t("ratings.noRatings")} />;
  return (
    <List
      dataSource={shown}
      pagination={shown.length > 8 ? { pageSize: 8, size: "small" } : false}
      renderItem={(p) => (
        <List.Item key={p.practitionerId} data-testid="rating-person">
          <Space orientation="vertical" size={6} style={{ width: "100%" }}>
            <Space wrap size={[12, 4]}>
              <Typography.Text strong>{p.practitionerName}</Typography.Text>
              {p.overall === null ? (
                <Typography.Text type="secondary">{t("ratings.notRated")}</Typography.Text>
              ) : (
                <Space size={6}>
                  <Rate disabled allowHalf value={Math.round(p.overall * 2) / 2} style={{ fontSize: 14 }} />
                  <Typography.Text strong>{p.overall.toFixed(2)}</Typography.Text>
                </Space>
              )}
              {p.count > 0 && <Typography.Text type="secondary">{t("ratings.count", { count: p.count })}</Typography.Text>}
              {p.low > 0 && <Tag color="red">{t("ratings.low", { count: p.low })}</Tag>}
            </Space>
            {p.count > 0 && (
              <Space wrap size={[12, 0]}>
                {RATING_ASPECTS.map((a) => (
                  <Typography.Text key={a} type={(p.means[a] ?? 5) < 3 ? "danger" : undefined}>
                    {t(`ratings.aspect.${a}`)} {p.means[a]?.toFixed(2) ?? "—"}
                  </Typography.Text>
                ))}
              </Space>
            )}
            {p.unrated.length > 0 && (
              <Space wrap size={[6, 6]}>
                <Typography.Text type="secondary">{t("ratings.unrated")}</Typography.Text>
                {p.unrated.map((u) => (
                  <Tag key={`${u.dispatchId}/${u.period}`} color="orange">
                    {periodName(u.period)}
                  </Tag>
                ))}
              </Space>
            )}
            {p.comments.length > 0 && (
              <details>
                <summary style={{ cursor: "pointer" }}>{t("ratings.comments", { count: p.comments.length })}</summary>
                <ul style={{ margin: "6px 0 0", paddingInlineStart: 20 }}>
                  {p.comments.map((c, i) => (
                    // The comments carry no author, date or period: their text is all there is.
                    // biome-ignore lint/suspicious/noArrayIndexKey: two comments may read the same
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              </details>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
