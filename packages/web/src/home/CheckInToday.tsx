import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Result, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "../api.ts";

/** The signed-in stationed doctor's today and last days (GET /attendance/mine). */
interface OwnDays {
  today: string;
  stationedToday: { institutionName: string; agreementCode: string } | null;
  days: { date: string; stationed: boolean; status: "none" | "submitted" | "confirmed" | "disputed" }[];
}

const ICONS = {
  none: <ClockCircleOutlined />,
  submitted: <CheckCircleOutlined />,
  confirmed: <CheckCircleOutlined />,
  disputed: <ExclamationCircleOutlined />,
} as const;

export function useOwnDays(enabled: boolean) {
  return useQuery({ queryKey: ["attendance", "mine"], queryFn: () => api<OwnDays>("/attendance/mine"), enabled });
}

/** A stationed doctor's home: today's check-in state and the way to the check-in page. */
export function CheckInToday({ own }: { own: ReturnType<typeof useOwnDays> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = own.data?.days[0];
  const status = !own.data?.stationedToday ? "off" : (today?.status ?? "none");
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("home.checkIn")}</h2>} data-testid="home-section-check-in">
      {own.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : own.error ? (
        <Typography.Text type="danger">{t("home.countFailed")}</Typography.Text>
      ) : (
        <Result
          style={{ padding: "8px 0" }}
          status={status === "none" ? "warning" : status === "disputed" ? "error" : status === "off" ? "info" : "success"}
          icon={status === "off" ? <MinusCircleOutlined /> : ICONS[status]}
          title={
            <span data-testid="home-check-in-state" data-state={status}>
              {t(`home.checkIn_${status}`)}
            </span>
          }
          subTitle={
            own.data?.stationedToday
              ? `${own.data.today} · ${own.data.stationedToday.institutionName} · ${own.data.stationedToday.agreementCode}`
              : own.data?.today
          }
          extra={
            <Button
              type={status === "none" ? "primary" : "default"}
              size="large"
              onClick={() => navigate("/assistance/check-in")}
              data-testid="home-check-in-link"
            >
              {t(status === "none" ? "home.checkInNow" : "home.checkInOpen")}
            </Button>
          }
        />
      )}
    </Card>
  );
}
