import { useTranslation } from "react-i18next";

/**
 * A download link (XLSX, PDF…) that asks for the app's language: a link's Accept-Language is the
 * browser's, not the language the person chose here, so the server reads `lang` instead.
 */
export function useDownloadHref(): (href: string) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "zh";
  return (href) => `${href}${href.includes("?") ? "&" : "?"}lang=${lang}`;
}
