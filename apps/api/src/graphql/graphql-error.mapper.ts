import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';
import type { GraphQLFormattedError } from 'graphql';

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
 * written for them, the field at fault where known, and never a stack trace or internal detail.
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
        ...(original.field ? { field: original.field } : {}),
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
    return { ...base, extensions: { code } };
  }
  logger.error(original instanceof Error ? original : String(original));
  return {
    ...base,
    message: 'Internal server error',
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
