import { DomainError, DomainErrorCode, DomainErrorReason } from '../errors/domain-error.js';

export const MAX_PAGE_SIZE = 100;

/** An opaque cursor: the keyset position of a row, encoded so clients do not depend on it. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): (string | number)[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return value;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    DomainErrorCode.InvalidInput,
    DomainErrorReason.InvalidCursor,
    `${field} is not a cursor this API gave`,
    {
      field,
    },
  );
}

export interface Page<T> {
  readonly nodes: T[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** Cuts the `first + 1` rows a keyset query fetched into a page. */
export function toPage<T>(
  rows: T[],
  first: number,
  positionOf: (row: T) => (string | number)[],
): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: rows.length > first,
    endCursor: last ? encodeCursor(positionOf(last)) : null,
  };
}
