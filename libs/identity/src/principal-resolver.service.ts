import { Injectable } from '@nestjs/common';
import { ClientCredentialsService } from './api-clients/client-credentials.service.js';
import type { Principal } from './principal.js';
import { personRevocationKey } from './access-revocations.js';
import { AccessTokenService, type VerifiedToken } from './sessions/access-token.service.js';
import { SessionService } from './sessions/session.service.js';

/** The key under which a principal's live connections are grouped, and revoked. */
export function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'account':
      return principal.accountId;
    case 'client':
      return `client:${principal.clientId}`;
    case 'person':
      return personRevocationKey(principal.personId);
  }
}

export interface LivePrincipal {
  readonly principal: Principal;
  /** When the access token expires (epoch milliseconds). */
  readonly expiresAtMs: number;
}

/** Who an access token speaks for, read afresh from the database (revocations count at once). */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly clients: ClientCredentialsService,
  ) {}

  async fromToken(token: string): Promise<Principal> {
    return (await this.forLiveConnection(token)).principal;
  }

  /**
   * The principal and when its token expires: a socket or a GraphQL WebSocket connection is
   * ended then, since nothing re-checks a token on a connection already open.
   */
  async forLiveConnection(token: string): Promise<LivePrincipal> {
    const { token: verified, expiresAtMs } = await this.accessTokens.verifyWithExpiry(token);
    return { principal: await this.principalOf(verified), expiresAtMs };
  }

  private principalOf(verified: VerifiedToken): Promise<Principal> {
    switch (verified.kind) {
      case 'account':
        return this.sessions.principalOf(verified.accountId, verified.sessionId);
      case 'person':
        return this.sessions.personPrincipalOf(verified.personId, verified.sessionId);
      case 'client':
        return this.clients.principalOf(verified.clientId, verified.scopes, verified.secretVersion);
    }
  }
}
