import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { ClientPrincipal } from '../principal.js';
import { AccessTokenService } from '../sessions/access-token.service.js';
import { ApiClientRepository } from './api-client.repository.js';
import { clientSecretMatches } from './client-secret.js';

export interface ClientToken {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly scopes: readonly string[];
}

/** Why a client-credentials request is refused, in OAuth2's words (RFC 6749, 5.2). */
export class OAuthError extends Error {
  constructor(
    readonly error:
      'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type',
    readonly description: string,
  ) {
    super(description);
  }
}

/** The OAuth2 client-credentials grant, and the principal of a client's access token. */
@Injectable()
export class ClientCredentialsService {
  constructor(
    private readonly clients: ApiClientRepository,
    private readonly accessTokens: AccessTokenService,
  ) {}

  /** Issues a token for the requested scopes (all of the client's when none are asked). */
  async issue(
    clientId: string,
    secret: string,
    requested: readonly string[],
  ): Promise<ClientToken> {
    const client = /^[0-9a-f-]{36}$/i.test(clientId)
      ? await this.clients.activeById(clientId)
      : null;
    if (!client || !clientSecretMatches(secret, client.secretHash)) {
      throw new OAuthError('invalid_client', 'Unknown client, or wrong secret.');
    }
    const unknown = requested.filter((scope) => !client.scopes.includes(scope));
    if (unknown.length > 0) {
      throw new OAuthError('invalid_scope', `This client may not ask for: ${unknown.join(', ')}.`);
    }
    const scopes = requested.length > 0 ? [...requested] : client.scopes;
    const accessToken = await this.accessTokens.issueForClient(
      client.id,
      scopes,
      client.secretRotatedAt.getTime(),
    );
    return { accessToken, expiresIn: this.accessTokens.ttlSeconds, scopes };
  }

  /** Read at every request: a revoked client, or one whose secret was rotated since, is refused. */
  async principalOf(
    clientId: string,
    scopes: readonly string[],
    secretVersion: number,
  ): Promise<ClientPrincipal> {
    const client = await this.clients.activeById(clientId);
    if (!client || client.secretRotatedAt.getTime() !== secretVersion) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.TokenInvalid,
        'This client token is no longer valid: ask for a new one.',
      );
    }
    return {
      kind: 'client',
      clientId: client.id,
      territoryId: client.territoryId,
      structureId: client.structureId,
      scopes: scopes.filter((scope) => client.scopes.includes(scope)),
      memberships: [],
    };
  }
}
