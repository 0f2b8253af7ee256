import { Type } from "typebox";
import { StringEnum } from "./schemas.ts";

/** The two languages the product speaks: Chinese (the default) and English. */
export type Lang = "zh" | "en";

/**
 * The `lang` query parameter of a download (the web app sends its own language: a link's
 * Accept-Language is the browser's, not the one the person chose in the app).
 */
export const LangQuery = {
  lang: Type.Optional(StringEnum(["zh", "en"] as const, { description: "Language of headers and values; else Accept-Language, else zh" })),
};

/** The requester's language: `?lang=`, else the first of Accept-Language that is zh or en, else zh. */
export function requestLanguage(request: { query?: unknown; headers: Record<string, string | string[] | undefined> }): Lang {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (asked === "zh" || asked === "en") return asked;
  const header = request.headers["accept-language"];
  const ranges = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranges) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "zh";
}

/** Picks the requester's language from a bilingual pair. */
export function inLang<T>(lang: Lang, pair: { zh: T; en: T }): T {
  return pair[lang];
}
