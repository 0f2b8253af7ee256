import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { BrowserRouter } from "react-router";
import { ApiError } from "./api.ts";
import { AppRoutes } from "./routes.tsx";
import "./i18n.ts";

const queryClient = new QueryClient({
  defaultOptions: {
    // Access errors and missing records will not fix themselves on retry.
    queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2, staleTime: 15_000 },
  },
});

/**
 * Colours that keep text readable (WCAG AA, 4.5:1, as axe checks each home): Ant Design's
 * secondary grey and its blue links fall short on white and on the page's #f5f7fa.
 */
const THEME = {
  token: {
    colorPrimary: "#0b6e6e",
    borderRadius: 6,
    colorTextDescription: "rgba(0, 0, 0, 0.62)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorLink: "#0b6e6e",
  },
  components: { Menu: { groupTitleColor: "rgba(0, 0, 0, 0.62)", itemSelectedColor: "#084f4f", itemSelectedBg: "#e3f1f1" } },
};

function Root() {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  dayjs.locale(english ? "en" : "zh-cn");
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <AppRoutes />
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Root />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
