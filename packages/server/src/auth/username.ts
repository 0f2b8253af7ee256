/**
 * The one form of a username, taken before the rate limit, the lockout and the lookup alike:
 * compatibility forms folded (NFKC turns full-width letters and the ideographic space into ASCII),
 * then trimmed and lower-cased. Accounts are created as `^[a-z0-9][a-z0-9._-]{2,39}$`, so every
 * spelling that could reach an account lands on that account's counters.
 */
export function normalizeUsername(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}
