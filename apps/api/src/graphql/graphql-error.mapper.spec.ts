import { jest } from '@jest/globals';
import { BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';
import { GraphQLError } from 'graphql';
import { formatGraphqlError, graphqlCodeFor } from './graphql-error.mapper.js';

function format(original: unknown, extensions: Record<string, unknown> = {}) {
  const error = new GraphQLError('resolver failed', {
    path: ['apiInfo'],
    originalError: original instanceof Error ? original : undefined,
    extensions,
  });
  return formatGraphqlError(
    {
      message: error.message,
      path: error.path,
      extensions: { ...extensions, stacktrace: ['at x'] },
    },
    error,
  );
}

describe('formatGraphqlError', () => {
  it('maps every domain code to a GraphQL code', () => {
    expect(Object.values(DomainErrorCode).map(graphqlCodeFor)).toEqual([
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'SERVICE_UNAVAILABLE',
    ]);
  });

  it("gives a domain error's message, code and field to the client", () => {
    const formatted = format(
      new DomainError(DomainErrorCode.InvalidInput, 'The email is not valid.', {
        field: 'input.email',
      }),
    );
    expect(formatted).toEqual({
      message: 'The email is not valid.',
      path: ['apiInfo'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.email' },
    });
  });

  it('maps framework HTTP exceptions by status', () => {
    expect(format(new ForbiddenException('Not yours')).extensions).toEqual({ code: 'FORBIDDEN' });
    expect(format(new BadRequestException('Bad')).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('hides anything unexpected behind a generic message, with no stack trace, and logs it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const failure = new Error('relation "person" does not exist at /srv/app.js:12');
    const formatted = format(failure);
    const [[entry]] = logged.mock.calls as [[{ err: Record<string, unknown> }]];
    expect(entry.err).toMatchObject({
      type: 'Error',
      stack: expect.stringMatching(/^\s+at /) as string,
    });
    expect(JSON.stringify(logged.mock.calls)).not.toContain('relation "person"');
    logged.mockRestore();
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['apiInfo'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes request errors through with their code only', () => {
    const formatted = format(undefined, { code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(formatted.message).toBe('resolver failed');
  });
});
