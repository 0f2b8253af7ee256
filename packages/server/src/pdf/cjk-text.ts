import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { woffToSfnt } from "./woff.ts";

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve("@fontsource/noto-sans-sc/unicode.json"));

/**
 * Noto Sans SC from @fontsource ships as ~100 subset files by Unicode range (unicode.json). A PDF
 * embeds only the subsets its text uses, each itself subset to the glyphs drawn.
 */
interface Subset {
  file: string;
  ranges: [number, number][];
}

let subsets: Subset[] | undefined;

function loadSubsets(): Subset[] {
  if (subsets) return subsets;
  const table = JSON.parse(readFileSync(join(fontDir, "unicode.json"), "utf8")) as Record<string, string>;
  subsets = Object.entries(table).map(([key, ranges]) => ({
    file: join(fontDir, "files", `noto-sans-sc-${key.replace(/^\[(\d+)\]$/, "$1")}-400-normal.woff`),
    ranges: ranges.split(",").map((r) => {
      const [lo, hi] = r.trim().replace(/^U\+/i, "").split("-");
      return [Number.parseInt(lo as string, 16), Number.parseInt((hi ?? lo) as string, 16)] as [number, number];
    }),
  }));
  return subsets;
}

const subsetByCodePoint = new Map<number, Subset | undefined>();

function subsetOf(codePoint: number): Subset | undefined {
  if (!subsetByCodePoint.has(codePoint)) {
    subsetByCodePoint.set(
      codePoint,
      loadSubsets().find((s) => s.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi)),
    );
  }
  return subsetByCodePoint.get(codePoint);
}

/** Draws Chinese and Latin text with the subset fonts it needs; measures it for layout. */
export class CjkText {
  private readonly fonts = new Map<string, PDFFont>();
  constructor(private readonly doc: PDFDocument) {
    doc.registerFontkit(fontkit);
  }

  /** Splits text into runs that one subset font can draw. */
  private async runs(text: string): Promise<{ font: PDFFont; text: string }[]> {
    const runs: { font: PDFFont; text: string }[] = [];
    for (const ch of text) {
      const subset = subsetOf(ch.codePointAt(0) as number) ?? subsetOf("?".codePointAt(0) as number);
      if (!subset) continue;
      let font = this.fonts.get(subset.file);
      if (!font) {
        font = await this.doc.embedFont(woffToSfnt(readFileSync(subset.file)), { subset: true });
        this.fonts.set(subset.file, font);
      }
      const last = runs[runs.length - 1];
      if (last && last.font === font) last.text += ch;
      else runs.push({ font, text: ch });
    }
    return runs;
  }

  async width(text: string, size: number): Promise<number> {
    return (await this.runs(text)).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  /**
   * Breaks text into lines no wider than `width` at `size`, measured with the fonts that draw it:
   * between any two Chinese characters, else at spaces (a Latin word longer than a line is cut).
   */
  async wrap(text: string, size: number, width: number): Promise<string[]> {
    const lines: string[] = [];
    // Widths add up character by character (these fonts are not kerned), so each is measured once.
    const measured = new Map<string, number>();
    const measure = async (piece: string) => {
      let w = 0;
      for (const ch of piece) {
        if (!measured.has(ch)) measured.set(ch, await this.width(ch, size));
        w += measured.get(ch) as number;
      }
      return w;
    };
    // A line still too wide holds one token longer than a line (a long code or word): cut it by characters.
    const emit = async (line: string) => {
      let rest = line.trimEnd();
      while ((await measure(rest)) > width && [...rest].length > 1) {
        let cut = "";
        for (const ch of rest) {
          if (cut && (await measure(cut + ch)) > width) break;
          cut += ch;
        }
        lines.push(cut);
        rest = rest.slice(cut.length);
      }
      lines.push(rest);
    };
    for (const paragraph of text.split("\n")) {
      // Tokens: a run of Latin letters, digits and punctuation with its following spaces, or one other character.
      const tokens = paragraph.match(/[\p{Script=Latin}\p{N}_.,:;!?'"()%+\-/]+\s*|\s+|./gu) ?? [""];
      let line = "";
      let lineWidth = 0;
      for (const token of tokens) {
        const tokenWidth = await measure(token);
        if (line === "" || lineWidth + (await measure(token.trimEnd())) <= width) {
          line += token;
          lineWidth += tokenWidth;
          continue;
        }
        await emit(line);
        line = token.trimStart();
        lineWidth = await measure(line);
      }
      await emit(line);
    }
    return lines;
  }

  async draw(page: PDFPage, text: string, x: number, y: number, size: number, color = rgb(0.1, 0.1, 0.1)): Promise<number> {
    let cursor = x;
    for (const run of await this.runs(text)) {
      page.drawText(run.text, { x: cursor, y, size, font: run.font, color });
      cursor += run.font.widthOfTextAtSize(run.text, size);
    }
    return cursor - x;
  }
}
