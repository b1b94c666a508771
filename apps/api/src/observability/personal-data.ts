/**
 * What error reports and traces must never carry, found by its shape: email addresses and
 * numbers shaped like a NIR (13 digits and a 2-digit key, Corsica's 2A/2B, spaces allowed).
 * Names and note text have no shape: they are kept out by sending no request bodies, no
 * variables, no SQL parameters and no database error messages, and this is the backstop.
 */
const EMAIL = /[\p{L}\p{N}._!#$%&'*+/=?^`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const NIR =
  /(?<![\dA-Za-z])[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?![\dA-Za-z])/gi;

export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(NIR, '[nir]');
}

/** A URL's path alone: query strings carry codes, tokens and search terms. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** Every string inside a JSON-like value, scrubbed; other values kept. */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubDeep(item, depth + 1)) as T;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = scrubDeep(item, depth + 1);
  return result as T;
}

/**
 * Database errors quote the values they refused (`Key (email)=(...)`, a trigger's message), so
 * an error with a SQLSTATE is told by its code alone.
 */
export function describeWithoutPersonalData(error: unknown): {
  readonly type: string;
  readonly message: string;
} {
  const type = error instanceof Error ? error.name || 'Error' : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return {
      type,
      message: `database error ${code} (its message is withheld: it can quote values)`,
    };
  }
  return { type, message: scrubText(error instanceof Error ? error.message : String(error)) };
}
