import { jest } from '@jest/globals';
import { BadRequestException, ForbiddenException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { GraphQLError, Source } from 'graphql';
import {
  fieldOfVariableError,
  formatGraphqlError,
  formatGraphqlRequestErrors,
  graphqlCodeFor,
  withoutSuggestions,
} from './graphql-error.mapper.js';

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

  it("gives a domain error's message, code, reason and fields to the client", () => {
    const formatted = format(
      new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.ValidationFailed,
        'The email is not valid.',
        {
          field: 'input.email',
          fields: [
            { field: 'input.email', rule: 'FORMAT' },
            { field: 'input.name', rule: 'MAX_LENGTH', limit: 200 },
          ],
        },
      ),
    );
    expect(formatted).toEqual({
      message: 'The email is not valid.',
      path: ['apiInfo'],
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'VALIDATION_FAILED',
        field: 'input.email',
        fields: [
          { field: 'input.email', rule: 'FORMAT' },
          { field: 'input.name', rule: 'MAX_LENGTH', limit: 200 },
        ],
      },
    });
  });

  it('gives every reason a distinct stable name', () => {
    const names = Object.values(DomainErrorReason);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Z_]+$/);
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

  it('keeps the names of the schema out of request errors', () => {
    const formatted = formatGraphqlError(
      {
        message: 'Value "ADMN" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?',
        extensions: { code: 'BAD_USER_INPUT' },
      },
      new GraphQLError('Value "ADMN" does not exist in "Role" enum.'),
    );
    expect(formatted).toEqual({
      message: 'Value "ADMN" does not exist in "Role" enum.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('withoutSuggestions', () => {
  it('removes every kind of "Did you mean" graphql-js writes', () => {
    expect(
      withoutSuggestions('Cannot query field "nam" on type "ApiInfo". Did you mean "name"?'),
    ).toBe('Cannot query field "nam" on type "ApiInfo".');
    expect(
      withoutSuggestions(
        'Unknown argument "firts" on field "Query.people". Did you mean "first", "after", or "last"?',
      ),
    ).toBe('Unknown argument "firts" on field "Query.people".');
    expect(
      withoutSuggestions(
        'Cannot query field "name" on type "Node". Did you mean to use an inline fragment on "Person"?',
      ),
    ).toBe('Cannot query field "name" on type "Node".');
    expect(withoutSuggestions('Syntax Error: Expected Name, found <EOF>.')).toBe(
      'Syntax Error: Expected Name, found <EOF>.',
    );
  });
});

describe('formatGraphqlRequestErrors (graphql-ws)', () => {
  it('says whether the operation did not parse or did not validate, without suggestions', () => {
    const source = new Source('{ apiInfo { nam } }');
    expect(
      formatGraphqlRequestErrors([
        new GraphQLError('Syntax Error: Unexpected <EOF>.', {
          source,
          positions: [4],
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
        new GraphQLError('Cannot query field "nam" on type "ApiInfo". Did you mean "name"?', {
          source,
          positions: [12],
        }),
        new GraphQLError('Syntax Error: Query depth limit of 10 exceeded, found 11.', {
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]),
    ).toEqual([
      {
        message: 'Syntax Error: Unexpected <EOF>.',
        locations: [{ line: 1, column: 5 }],
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
      {
        message: 'Cannot query field "nam" on type "ApiInfo".',
        locations: [{ line: 1, column: 13 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      {
        message: 'Syntax Error: Query depth limit of 10 exceeded, found 11.',
        locations: undefined,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it("shapes a failed subscription stream like an execution error: a domain error's code, else nothing", () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const [forbidden, unexpected] = formatGraphqlRequestErrors([
      new GraphQLError('Not yours', {
        originalError: new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.NotAllowed,
          'Not yours',
        ),
      }),
      new GraphQLError('connection to 10.0.0.5:5432 refused', {
        originalError: new Error('connection to 10.0.0.5:5432 refused'),
      }),
    ]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    expect(forbidden).toEqual({
      message: 'Not yours',
      extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
    });
    expect(unexpected).toEqual({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('fieldOfVariableError', () => {
  it('names the field of an input that does not fit its type, as the validation pipe does', () => {
    expect(
      fieldOfVariableError(
        'Variable "$input" got invalid value "LOTTERY" at "input.theme"; Value "LOTTERY" does not exist in "ObstacleTheme" enum.',
      ),
    ).toBe('theme');
    expect(
      fieldOfVariableError(
        'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      ),
    ).toBe('first');
    expect(fieldOfVariableError('Cannot query field "nope" on type "Query".')).toBeUndefined();
  });
});
