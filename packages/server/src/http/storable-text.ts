import type { ErrorObject } from "ajv";

/**
 * Text PostgreSQL cannot store: U+0000 (refused in `text`, and as `\u0000` in `jsonb`) and lone
 * UTF-16 surrogates (not Unicode; `jsonb` refuses their `\ud800` escapes, `text` would silently
 * turn them into U+FFFD). Either reached the database and answered 500; now input is refused at
 * the edge, naming the field, before any handler sees it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Enough to name the fields at fault without walking a hostile document to its end twice. */
const MAX_REPORTED = 20;

function problemOf(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  if (LONE_SURROGATE.test(text)) return "must not contain a lone UTF-16 surrogate (not valid Unicode)";
  return null;
}

function pointerPart(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Every string value or object key in `data` that cannot be stored, as Ajv-shaped errors (so they
 * leave through the same field-error path as schema errors). Walks with an explicit stack: a
 * deeply nested body must not overflow the call stack.
 */
export function unstorableText(data: unknown): ErrorObject[] {
  const errors: ErrorObject[] = [];
  const stack: { value: unknown; pointer: string }[] = [{ value: data, pointer: "" }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value, pointer } = stack.pop() as { value: unknown; pointer: string };
    if (typeof value === "string") {
      const message = problemOf(value);
      if (message) errors.push({ instancePath: pointer, schemaPath: "#/storableText", keyword: "storableText", params: {}, message });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}` });
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, unknown];
        const keyProblem = problemOf(key);
        if (keyProblem) {
          // The key itself is bad: name where it sits, with the character shown escaped.
          errors.push({
            instancePath: pointer,
            schemaPath: "#/storableText",
            keyword: "storableText",
            params: {},
            message: `has a field name that ${keyProblem}`,
          });
        } else stack.push({ value: inner, pointer: `${pointer}/${pointerPart(key)}` });
      }
    }
  }
  return errors;
}
