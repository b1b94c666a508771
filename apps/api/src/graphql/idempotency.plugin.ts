import { createHash } from 'node:crypto';
import {
  type ApolloServerPlugin,
  type GraphQLRequestContext,
  type GraphQLRequestListener,
  type GraphQLResponse,
  HeaderMap,
} from '@apollo/server';
import { Injectable, Logger } from '@nestjs/common';
import { abilityFor } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type Principal, PrincipalResolver, principalKey } from '@relais/identity';
import { OperationTypeNode, print } from 'graphql';
import { type AuthenticatedRequest, bearerTokenOf } from '../auth/request-context.js';
import { graphqlCodeFor } from './graphql-error.mapper.js';
import { IdempotencyKeyService, type StoredResponse } from './idempotency-key.service.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replay';

/** 1 to 255 printable ASCII characters (a UUID, say). */
const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;

/** Answers that say the server, not the request, failed: the key is freed so a retry may run. */
const RETRYABLE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

interface IdempotencyContext {
  readonly req?: AuthenticatedRequest;
}

/** JSON with object keys sorted at every depth, so the same variables always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the operation (as parsed, so layout does not matter), its name and variables. */
export function requestHash(
  document: string,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
): string {
  return createHash('sha256')
    .update(canonicalJson([document, operationName ?? null, variables ?? {}]))
    .digest('hex');
}

function errorResponse(error: DomainError): GraphQLResponse {
  const code = graphqlCodeFor(error.code);
  return {
    http: { status: code === 'CONFLICT' ? 409 : 400, headers: new HeaderMap() },
    body: {
      kind: 'single',
      singleResult: {
        errors: [
          {
            message: error.message,
            extensions: {
              code,
              reason: error.reason,
              ...(error.field ? { field: error.field } : {}),
            },
          },
        ],
      },
    },
  };
}

/**
 * Idempotency keys for mutations over HTTP, on Stripe's model. A caller sends
 * `Idempotency-Key`; the first request with it runs and its response is kept; the same request
 * again gets that response (with `idempotent-replay: true`) without running; another request
 * with the key, or the same one while the first runs, is a CONFLICT. Keys belong to the caller
 * (an account or a partner client): without one, nothing is keyed. Queries and subscriptions
 * ignore the header.
 */
@Injectable()
export class IdempotencyPlugin implements ApolloServerPlugin<IdempotencyContext> {
  private readonly logger = new Logger(IdempotencyPlugin.name);

  constructor(
    private readonly keys: IdempotencyKeyService,
    private readonly principals: PrincipalResolver,
  ) {}

  requestDidStart(
    start: GraphQLRequestContext<IdempotencyContext>,
  ): Promise<GraphQLRequestListener<IdempotencyContext> | void> {
    const key = start.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined) return Promise.resolve();
    let refusal: DomainError | undefined;
    let replay: StoredResponse | undefined;
    let held: { readonly principalKey: string; readonly key: string } | undefined;

    return Promise.resolve({
      didResolveOperation: async (context) => {
        if (context.operation?.operation !== OperationTypeNode.MUTATION) return;
        if (!KEY_FORMAT.test(key)) {
          refusal = new DomainError(
            DomainErrorCode.InvalidInput,
            DomainErrorReason.InvalidFormat,
            'Idempotency-Key must be 1 to 255 printable ASCII characters',
            { field: 'Idempotency-Key' },
          );
          return;
        }
        const principal = await this.principalOf(context.contextValue.req);
        if (!principal) return;
        const owner = principalKey(principal);
        const hash = requestHash(
          print(context.document),
          context.operationName,
          context.request.variables,
        );
        try {
          const claim = await this.keys.claim(owner, key, hash);
          if (claim.kind === 'run') held = { principalKey: owner, key };
          else replay = claim.response;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          refusal = error;
        }
      },

      responseForOperation: () => {
        if (refusal) return Promise.resolve(errorResponse(refusal));
        if (!replay) return Promise.resolve(null);
        return Promise.resolve({
          http: {
            status: replay.status ?? undefined,
            headers: new HeaderMap([[IDEMPOTENT_REPLAY_HEADER, 'true']]),
          },
          body: { kind: 'single', singleResult: replay.body },
        });
      },

      willSendResponse: async (context) => {
        if (!held) return;
        const { principalKey: owner, key: heldKey } = held;
        held = undefined;
        const body = context.response.body;
        try {
          const failed =
            body.kind !== 'single' ||
            (body.singleResult.errors ?? []).some((error) =>
              RETRYABLE_CODES.has(String(error.extensions?.code)),
            );
          if (failed) await this.keys.release(owner, heldKey);
          else {
            await this.keys.complete(owner, heldKey, {
              status: context.response.http.status ?? null,
              body: { ...body.singleResult },
            });
          }
        } catch (error) {
          // The response still goes out; the key frees itself once it counts as abandoned.
          this.logger.error(
            { err: { type: error instanceof Error ? error.constructor.name : typeof error } },
            'could not keep the response of an idempotent request',
          );
        }
      },
    });
  }

  /**
   * The caller, found the way the AuthGuard finds it (which runs later, during execution) and
   * left on the request so the guard need not look again. A token that does not resolve keys
   * nothing: the guard refuses the request itself.
   */
  private async principalOf(request: AuthenticatedRequest | undefined): Promise<Principal | null> {
    if (!request) return null;
    if (request.principal) return request.principal;
    const token = bearerTokenOf(request);
    if (!token) return null;
    try {
      const principal = await this.principals.fromToken(token);
      request.principal = principal;
      request.ability = abilityFor(principal);
      return principal;
    } catch {
      return null;
    }
  }
}
