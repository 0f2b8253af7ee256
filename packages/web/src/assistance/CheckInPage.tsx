import { CheckCircleOutlined, EnvironmentFilled } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Result, Skeleton, Space, Switch, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api.ts";
import type { Answer, AttendanceRecord } from "../types.ts";
import { devicePosition, distanceText } from "./device-position.ts";

const ACTIVITIES = ["clinic", "ward_round", "surgery", "teaching", "training", "consultation", "management"];

type OwnDays = Answer<"/attendance/mine">;
type DayState = OwnDays["days"][number]["status"] | "off";

const COLORS: Record<DayState, string> = { none: "orange", submitted: "blue", confirmed: "green", disputed: "red", off: "default" };
const stateOf = (d: OwnDays["days"][number]): DayState => (d.stationed ? d.status : "off");
const LOCATION_COLORS: Record<string, string> = { on_site: "green", away: "volcano", without_location: "default" };

/** A check-in's location class (and distance) as a tag; nothing for check-ins from before location evidence. */
function LocationTag({ kind, distance, approximate }: { kind: string | null; distance: number | null; approximate?: boolean | undefined }) {
  const { t } = useTranslation();
  if (!kind) return null;
  return (
    <Tag color={LOCATION_COLORS[kind]} icon={<EnvironmentFilled />} data-testid="check-in-location" data-class={kind}>
      {t(`locationEvidence.class.${kind}`)}
      {distance !== null && ` · ${t(approximate ? "locationEvidence.distanceCentroid" : "locationEvidence.distance", { distance: distanceText(t, distance) })}`}
    </Tag>
  );
}

/**
 * A phone-sized check-in: first what today already is (not yet, checked in, confirmed, disputed, or
 * not a stationed day) and the last 14 days, then the form — big targets, one tap per kind of work.
 * Every message is the user's language: the server's (English) errors are named by status and field.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [done, setDone] = useState<(AttendanceRecord & { sharedButMissing?: boolean }) | null>(null);
  const [busy, setBusy] = useState(false);
  // Sending the position is the person's choice (on by default; the browser asks once more).
  const [share, setShare] = useState(true);
  const [locating, setLocating] = useState(false);
  const own = useQuery({ queryKey: ["attendance", "mine"], queryFn: () => api<OwnDays>("/attendance/mine") });
  const today = own.data?.days[0];
  const picked: Dayjs | undefined = Form.useWatch("date", form);
  const pickedDay = picked && own.data?.days.find((d) => d.date === picked.format("YYYY-MM-DD"));
  // A day the recipient already judged, or a day off the stationing, cannot be (re)recorded.
  const blocked = pickedDay && (!pickedDay.stationed || pickedDay.status === "confirmed" || pickedDay.status === "disputed") ? pickedDay : null;

  // Start on today (the server's China date, not the browser's), or the latest day still open.
  useEffect(() => {
    if (!own.data || form.isFieldTouched("date")) return;
    const open = own.data.days.find((d) => d.stationed && (d.status === "none" || d.status === "submitted"));
    form.setFieldsValue({ date: dayjs(own.data.stationedToday || !open ? own.data.today : open.date) });
  }, [own.data, form]);

  const errorText = (error: unknown, date: string): string => {
    if (!(error instanceof ApiError)) return t("checkInPage.errorFailed");
    if (error.status === 403) return t("checkInPage.errorNotPractitioner");
    if (error.status === 409) return t("checkInPage.errorReviewed", { date });
    if (error.status === 400 && error.errors.some((e) => e.path === "date"))
      return own.data && date > own.data.today ? t("checkInPage.errorFuture") : t("checkInPage.errorNotStationed", { date });
    return t("checkInPage.errorFailed");
  };

  const submit = async (values: { date: Dayjs; activities: string[]; patients?: number; trainees?: number; note?: string }) => {
    const date = values.date.format("YYYY-MM-DD");
    setBusy(true);
    try {
      setLocating(share);
      // Refused, unavailable or too slow: the check-in goes without a position, never blocked.
      const position = share ? await devicePosition() : null;
      setLocating(false);
      const saved = await api<AttendanceRecord>("/attendance", {
        method: "POST",
        body: {
          date,
          activities: values.activities,
          ...(values.patients !== undefined && values.patients !== null && { patients: values.patients }),
          ...(values.trainees !== undefined && values.trainees !== null && { trainees: values.trainees }),
          ...(values.note && { note: values.note }),
          ...(position && { position }),
        },
      });
      setDone({ ...saved, sharedButMissing: share && !position });
      message.success(t("checkInPage.saved", { date }));
      await client.invalidateQueries({ queryKey: ["attendance"] });
    } catch (error) {
      const text = errorText(error, date);
      form.setFields([{ name: "date", errors: [text] }]);
      message.error(text);
    } finally {
      setBusy(false);
      setLocating(false);
    }
  };

  const state = today ? stateOf(today) : undefined;
  return (
    <div style={{ maxWidth: 480, margin: "0 auto" }}>
      <Card title={t("assistance.checkInTitle")}>
        {own.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : own.error || !own.data || !today || !state ? (
          <Alert
            type="error"
            showIcon
            title={own.error instanceof ApiError && own.error.status === 403 ? t("checkInPage.errorNotPractitioner") : t("checkInPage.loadFailed")}
          />
        ) : (
          <>
            <Alert
              type={state === "none" ? "warning" : state === "disputed" ? "error" : state === "off" ? "info" : "success"}
              showIcon
              data-testid="check-in-today"
              data-state={state}
              title={
                <span>
                  {t("checkInPage.today", { date: dayjs(own.data.today).format("M-D ddd") })} · <b>{t(`checkInPage.state_${state}`)}</b>
                </span>
              }
              description={
                own.data.stationedToday
                  ? [
                      t("checkInPage.stationedAt", { institution: own.data.stationedToday.institutionName, code: own.data.stationedToday.agreementCode }),
                      today.activities.length ? today.activities.map((a) => t(`activity.${a}`)).join("、") : null,
                      today.locationClass
                        ? `${t(`locationEvidence.class.${today.locationClass}`)}${today.distanceMeters !== null ? ` (${distanceText(t, today.distanceMeters)})` : ""}`
                        : null,
                      today.reviewNote,
                    ]
                      .filter(Boolean)
                      .join(" · ")
                  : t("checkInPage.notStationedToday")
              }
            />
            <Typography.Title level={5} style={{ margin: "16px 0 8px" }}>
              {t("checkInPage.lastDays", { count: own.data.days.length })}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t("checkInPage.pickHint")}
            </Typography.Paragraph>
            <ol
              data-testid="check-in-days"
              style={{
                listStyle: "none",
                padding: 0,
                margin: 0,
                display: "grid",
                gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))",
                gap: "4px 12px",
              }}
            >
              {own.data.days.map((d) => {
                const s = stateOf(d);
                // A day still open (stationed, not yet judged) is picked for the form with a tap.
                // Marked touched, so a refetch of the days (which starts the form on today) never undoes the tap.
                const pick = s === "none" || s === "submitted" ? () => form.setFields([{ name: "date", value: dayjs(d.date), touched: true }]) : undefined;
                return (
                  <li
                    key={d.date}
                    data-testid="check-in-day"
                    data-date={d.date}
                    data-state={s}
                    {...(pick && {
                      role: "button",
                      tabIndex: 0,
                      onClick: pick,
                      onKeyDown: (e: React.KeyboardEvent) => (e.key === "Enter" || e.key === " ") && pick(),
                    })}
                    style={{
                      display: "flex",
                      justifyContent: "space-between",
                      alignItems: "center",
                      gap: 8,
                      whiteSpace: "nowrap",
                      padding: "2px 4px",
                      borderRadius: 4,
                      cursor: pick ? "pointer" : "default",
                      background: picked?.format("YYYY-MM-DD") === d.date ? "#e6f4f4" : undefined,
                    }}
                  >
                    <span>
                      {dayjs(d.date).format("MM-DD ddd")}
                      {d.locationClass && (
                        <EnvironmentFilled
                          style={{
                            marginInlineStart: 4,
                            color: d.locationClass === "on_site" ? "#389e0d" : d.locationClass === "away" ? "#d4380d" : "#bfbfbf",
                          }}
                          title={t(`locationEvidence.class.${d.locationClass}`)}
                          aria-label={t(`locationEvidence.class.${d.locationClass}`)}
                          data-testid="check-in-day-location"
                          data-class={d.locationClass}
                        />
                      )}
                    </span>
                    <Tag color={COLORS[s]} style={{ marginInlineEnd: 0 }}>
                      {t(`checkInPage.short_${s}`)}
                    </Tag>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </Card>
      <Card style={{ marginTop: 16 }}>
        {done ? (
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={`${t("assistance.checkedIn")} · ${done.date}`}
            subTitle={
              <Space direction="vertical" size={8}>
                <span>{done.activities.map((a) => t(`activity.${a}`)).join("、")}</span>
                <span>
                  {t("locationEvidence.result")}: <LocationTag kind={done.locationClass} distance={done.distanceMeters} approximate={done.siteApproximate} />
                </span>
                {done.sharedButMissing && <Typography.Text type="secondary">{t("locationEvidence.unavailable")}</Typography.Text>}
                {done.siteApproximate && done.locationClass !== "without_location" && (
                  <Typography.Text type="secondary" data-testid="check-in-site-approximate">
                    {t("locationEvidence.siteApproximate")}
                  </Typography.Text>
                )}
              </Space>
            }
            extra={<Button onClick={() => setDone(null)}>{t("common.back")}</Button>}
          />
        ) : (
          <Form form={form} layout="vertical" size="large" onFinish={submit} initialValues={{ activities: ["clinic"] }}>
            <Form.Item name="date" label={t("assistance.date")} rules={[{ required: true }]}>
              <DatePicker
                style={{ width: "100%" }}
                disabledDate={(d) => d.format("YYYY-MM-DD") > (own.data?.today ?? dayjs().format("YYYY-MM-DD"))}
                inputReadOnly
                allowClear={false}
              />
            </Form.Item>
            <Form.Item name="activities" label={t("assistance.activities")} rules={[{ required: true, type: "array", min: 1 }]}>
              <Checkbox.Group style={{ display: "grid", gridTemplateColumns: "1fr 1fr", rowGap: 12 }}>
                {ACTIVITIES.map((a) => (
                  <Checkbox key={a} value={a} style={{ fontSize: 16 }} data-testid={`activity-${a}`}>
                    {t(`activity.${a}`)}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="patients" label={t("assistance.patients")} style={{ flex: 1, marginRight: 8 }}>
                <InputNumber min={0} max={2000} precision={0} style={{ width: "100%" }} inputMode="numeric" />
              </Form.Item>
              <Form.Item name="trainees" label={t("assistance.trainees")} style={{ flex: 1 }}>
                <InputNumber min={0} max={2000} precision={0} style={{ width: "100%" }} inputMode="numeric" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="note" label={t("assistance.note")}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <div style={{ display: "flex", gap: 8, alignItems: "flex-start" }}>
                <Switch
                  id="check-in-share-position"
                  checked={share}
                  onChange={setShare}
                  data-testid="check-in-share-position"
                  style={{ flex: "none", marginTop: 2 }}
                />
                <label htmlFor="check-in-share-position" style={{ cursor: "pointer" }}>
                  {t("locationEvidence.share")}
                </label>
              </div>
            </Form.Item>
            {blocked && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={blocked.stationed ? t("checkInPage.errorReviewed", { date: blocked.date }) : t("checkInPage.errorNotStationed", { date: blocked.date })}
                data-testid="check-in-blocked"
              />
            )}
            <Button type="primary" htmlType="submit" block loading={busy} disabled={!!blocked} data-testid="check-in-submit">
              {locating ? t("locationEvidence.locating") : pickedDay?.status === "submitted" ? t("checkInPage.update") : t("assistance.submit")}
            </Button>
          </Form>
        )}
      </Card>
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        title={t("locationEvidence.noticeTitle")}
        description={t("locationEvidence.notice")}
        data-testid="location-notice"
      />
    </div>
  );
}
