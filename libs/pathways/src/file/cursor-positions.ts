import { decodeCursor, DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';

/** A timestamptz as PostgreSQL prints it, and a uuid: what time-ordered cursors carry. */
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notOurs(): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    DomainErrorReason.InvalidCursor,
    'after is not a cursor this API gave',
    {
      field: 'after',
    },
  );
}

/** The (time, id) position of a cursor this API gave; BAD_USER_INPUT for any other. */
export function timePosition(after: string): [string, string] {
  const [time, id] = decodeCursor(after);
  if (typeof time !== 'string' || !TIME.test(time) || !UUID.test(String(id))) throw notOurs();
  return [time, String(id)];
}

/** The (tier, score, id) position of a search cursor: tier 0 holds every word, 1 is close. */
export function searchPosition(after: string): [0 | 1, number, string] {
  const [tier, score, id] = decodeCursor(after);
  if (
    (tier !== 0 && tier !== 1) ||
    typeof score !== 'number' ||
    !Number.isFinite(score) ||
    !UUID.test(String(id))
  ) {
    throw notOurs();
  }
  return [tier, score, String(id)];
}
