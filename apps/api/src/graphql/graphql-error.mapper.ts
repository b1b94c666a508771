import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';
import { isDatabaseUnavailable, isInvalidTextValue } from '@relais/database';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { reportInternalError } from '../observability/error-reporting.js';

/** The `extensions.code` values a client can meet. */
export type GraphqlErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export function graphqlCodeFor(code: DomainErrorCode): GraphqlErrorCode {
  switch (code) {
    case DomainErrorCode.InvalidInput:
      return 'BAD_USER_INPUT';
    case DomainErrorCode.Unauthenticated:
      return 'UNAUTHENTICATED';
    case DomainErrorCode.Forbidden:
      return 'FORBIDDEN';
    case DomainErrorCode.NotFound:
      return 'NOT_FOUND';
    case DomainErrorCode.Conflict:
      return 'CONFLICT';
    case DomainErrorCode.Unavailable:
      return 'SERVICE_UNAVAILABLE';
    default: {
      const unmapped: never = code;
      throw new Error(`DomainErrorCode ${String(unmapped)} has no GraphQL code`);
    }
  }
}

// Errors about the request itself, raised by Apollo and graphql-js before any resolver ran.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES: Record<number, GraphqlErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  503: 'SERVICE_UNAVAILABLE',
};

const logger = new Logger('GraphQL');

/**
 * The one place GraphQL errors are shaped for clients: a code from a closed list, a message
 * written for them, a domain error's stable reason, the field at fault where known (and every
 * failing field of a validation error), and never a stack trace or internal detail.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: graphqlCodeFor(original.code),
        reason: original.reason,
        ...(original.field ? { field: original.field } : {}),
        ...(original.fields ? { fields: original.fields } : {}),
        ...(original.details ? { details: original.details } : {}),
      },
    };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { ...base, message: original.message, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    const field = code === 'BAD_USER_INPUT' ? fieldOfVariableError(formatted.message) : undefined;
    return {
      ...base,
      message: withoutSuggestions(formatted.message),
      extensions: { code, ...(field ? { field } : {}) },
    };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      ...base,
      message: 'Relais cannot reach its database for the moment: try again in a few seconds.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  }
  if (isInvalidTextValue(original)) {
    // Validation refuses NUL characters; this is the backstop for any text it let through.
    return {
      ...base,
      message: 'A text value contains a character that cannot be stored (such as NUL).',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  // The message stays out of the log: a database error can quote the values it refused.
  logger.error({ err: withoutMessage(original) }, 'unexpected error in a GraphQL operation');
  reportInternalError(original);
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * The field graphql-js names when a variable does not fit its type (an unknown enum value, a
 * string for an Int): `Variable "$input" got invalid value "X" at "input.theme"` → `theme`, as
 * the validation pipe names fields.
 */
export function fieldOfVariableError(message: string): string | undefined {
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([\w.[\]]+)")?;/s.exec(message);
  if (!match) return undefined;
  const path = match[2] ?? match[1];
  return path?.replace(/^input\./, '');
}

/**
 * Errors graphql-ws reports instead of a result: mostly about the request (it does not parse,
 * validate or meet the limits), so their message is safe to show. A subscription whose source
 * stream fails is reported the same way; that one is shaped like any execution error.
 */
export function formatGraphqlRequestErrors(
  errors: readonly GraphQLError[],
): GraphQLFormattedError[] {
  return errors.map((error) => {
    if (error.originalError) return formatGraphqlError(error.toJSON(), error.originalError);
    if (error.extensions.reason === 'TOO_MANY_SUBSCRIPTIONS') {
      return {
        message: error.message,
        extensions: { code: 'BAD_REQUEST', reason: 'TOO_MANY_SUBSCRIPTIONS' },
      };
    }
    return {
      message: withoutSuggestions(error.message),
      locations: error.locations,
      extensions: {
        code:
          error.extensions.code === 'GRAPHQL_PARSE_FAILED'
            ? 'GRAPHQL_PARSE_FAILED'
            : 'GRAPHQL_VALIDATION_FAILED',
      },
    };
  });
}

/** Formats execution errors that did not pass through Apollo (the graphql-ws transport). */
export function formatGraphqlErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => formatGraphqlError(error.toJSON(), error));
}

/**
 * The message without graphql-js's "Did you mean ...?", which tells a stranger the names of
 * fields, types and enum values (the pattern of Apollo's hideSchemaDetailsFromClientErrors).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, '');
}

/** The error's type, code and stack frames, without its message. */
export function withoutMessage(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.constructor.name,
    code: (error as { code?: unknown }).code,
    stack: frames.join('\n'),
  };
}
