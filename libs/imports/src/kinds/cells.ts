import { isEmail } from 'class-validator';
import type { ImportProblem } from '../import-kind.js';

/** A cell read: its value (null when empty), or why it cannot be used. */
export type Cell<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly message: string };

const empty = { ok: true, value: null } as const;
const fail = (message: string) => ({ ok: false, message }) as const;
const ok = <T>(value: T) => ({ ok: true, value }) as const;

export function text(raw: string, max: number): Cell<string> {
  if (!raw) return empty;
  return raw.length > max ? fail(`is ${raw.length} characters long; at most ${max}`) : ok(raw);
}

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/** A calendar date as départements write it: `JJ/MM/AAAA` (or with `-` or `.`), or `AAAA-MM-JJ`. */
export function birthDate(raw: string, now: Date): Cell<string> {
  if (!raw) return empty;
  let year: string;
  let month: string;
  let day: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  if (iso) [, year, month, day] = iso as unknown as [string, string, string, string];
  else if (french) [, day, month, year] = french as unknown as [string, string, string, string];
  else return fail(`"${raw}" is not a date written JJ/MM/AAAA or AAAA-MM-JJ`);
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    return fail(`"${raw}" is not a real date (day ${day}, month ${month})`);
  }
  if (date.getTime() > now.getTime()) return fail(`"${raw}" is in the future`);
  if (date.getTime() < now.getTime() - 130 * YEAR_MS)
    return fail(`"${raw}" is more than 130 years ago`);
  return ok(value);
}

export function email(raw: string): Cell<string> {
  if (!raw) return empty;
  return raw.length <= 254 && isEmail(raw) ? ok(raw) : fail(`"${raw}" is not an email address`);
}

export function phone(raw: string): Cell<string> {
  if (!raw) return empty;
  return /^(\+33\s?|0)[1-9]([\s.]?\d{2}){4}$/.test(raw)
    ? ok(raw.replace(/[\s.]/g, ''))
    : fail(`"${raw}" is not a French phone number such as 06 12 34 56 78`);
}

/** Five digits; four are taken as a code whose leading zero a spreadsheet dropped (01000 → 1000). */
export function postalCode(raw: string): Cell<string> {
  if (!raw) return empty;
  if (/^\d{5}$/.test(raw)) return ok(raw);
  if (/^\d{4}$/.test(raw)) return ok(`0${raw}`);
  return fail(`"${raw}" is not a postal code of five digits`);
}

export function matching(raw: string, pattern: RegExp, what: string): Cell<string> {
  if (!raw) return empty;
  return pattern.test(raw) ? ok(raw) : fail(`"${raw}" is not ${what}`);
}

const TRUE = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x']);
const FALSE = new Set(['non', 'n', 'no', 'false', 'faux', '0']);

export function yesNo(raw: string): Cell<boolean> {
  if (!raw) return empty;
  const word = raw.toLowerCase();
  if (TRUE.has(word)) return ok(true);
  if (FALSE.has(word)) return ok(false);
  return fail(`"${raw}" is neither oui nor non`);
}

/** One of a fixed list, by its code or one of its French names (case and accents ignored). */
export function oneOf<T extends string>(
  raw: string,
  names: Readonly<Record<string, T>>,
  what: string,
): Cell<T> {
  if (!raw) return empty;
  const value = names[nameKey(raw)];
  return value ? ok(value) : fail(`"${raw}" is not ${what}`);
}

export function nameKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A lookup from codes and names to values, keyed as `oneOf` compares them. */
export function namesOf<T extends string>(
  entries: Readonly<Record<T, readonly string[]>>,
): Record<string, T> {
  const names: Record<string, T> = {};
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) {
    names[nameKey(value)] = value;
    for (const word of words) names[nameKey(word)] = value;
  }
  return names;
}

/**
 * Reads one line's cells: `raw` gives a column's text ('' when absent), `cell` keeps a read
 * value or records its problem (naming the column) in `problems`.
 */
export function rowReader(line: number, values: Readonly<Record<string, string>>) {
  const problems: ImportProblem[] = [];
  const cell = <T>(column: string, read: Cell<T>, required = false): T | null => {
    if (!read.ok) {
      problems.push({ line, column, message: `${column}: ${read.message}` });
      return null;
    }
    if (required && read.value === null) {
      problems.push({ line, column, message: `${column} is required` });
    }
    return read.value;
  };
  const raw = (column: string): string => values[column] ?? '';
  return { problems, cell, raw };
}
