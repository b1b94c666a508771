import { HeaderMap } from '@apollo/server';
import { describe, expect, it } from '@jest/globals';
import type { PrincipalResolver } from '@relais/identity';
import { OperationTypeNode, parse } from 'graphql';
import type { IdempotencyKeyService } from './idempotency-key.service.js';
import { canonicalJson, IdempotencyPlugin, requestHash } from './idempotency.plugin.js';

describe('the request hash of an idempotent mutation', () => {
  it('does not depend on the order of keys in the variables', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[1,{"c":null,"d":2}]}',
    );
    expect(requestHash('mutation { a }', null, { x: 1, y: { p: 1, q: 2 } })).toBe(
      requestHash('mutation { a }', null, { y: { q: 2, p: 1 }, x: 1 }),
    );
  });

  it('changes with the document, the operation name or a variable', () => {
    const hash = requestHash('mutation M { a }', 'M', { x: 1 });
    expect(requestHash('mutation M { b }', 'M', { x: 1 })).not.toBe(hash);
    expect(requestHash('mutation M { a }', null, { x: 1 })).not.toBe(hash);
    expect(requestHash('mutation M { a }', 'M', { x: 2 })).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the idempotency plugin after a mutation ran', () => {
  const run = async (errors: { message: string; extensions: { code: string } }[]) => {
    const calls: string[] = [];
    const keys = {
      claim: () => Promise.resolve({ kind: 'run' }),
      complete: () => Promise.resolve(void calls.push('complete')),
      release: () => Promise.resolve(void calls.push('release')),
    } as unknown as IdempotencyKeyService;
    const principals = {
      fromToken: () =>
        Promise.resolve({ kind: 'account', accountId: 'a1', sessionId: 's1', memberships: [] }),
    } as unknown as PrincipalResolver;
    const req = { headers: { authorization: 'Bearer token' } };
    const request = {
      http: { headers: new HeaderMap([['idempotency-key', 'k1']]) },
      variables: {},
    };
    const listener = await new IdempotencyPlugin(keys, principals).requestDidStart({
      request,
      contextValue: { req },
    } as never);
    await listener?.didResolveOperation?.({
      request,
      contextValue: { req },
      operation: { operation: OperationTypeNode.MUTATION },
      document: parse('mutation { a }'),
      operationName: null,
    } as never);
    await listener?.willSendResponse?.({
      response: {
        http: { headers: new HeaderMap() },
        body: { kind: 'single', singleResult: { data: null, errors } },
      },
    } as never);
    return calls;
  };

  it('keeps a response, domain errors included', async () => {
    expect(await run([])).toEqual(['complete']);
    expect(await run([{ message: 'no', extensions: { code: 'FORBIDDEN' } }])).toEqual(['complete']);
  });

  it('frees the key after a server error, so a retry runs', async () => {
    const internal = {
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    expect(await run([internal])).toEqual(['release']);
  });
});
