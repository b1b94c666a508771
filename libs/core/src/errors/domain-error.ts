/**
 * The codes every domain raises. The GraphQL layer maps each one to an `extensions.code` with an
 * exhaustive switch, so adding a code here forces the mapping to be decided.
 */
export enum DomainErrorCode {
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unavailable = 'UNAVAILABLE',
}

export interface DomainErrorOptions {
  /** The input field at fault, as the client named it (`input.email`). */
  readonly field?: string;
  /** Safe, non-personal details a client may act on. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** An error a client is meant to see: its message is written for them and has no personal data. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field;
    this.details = options.details;
  }
}
