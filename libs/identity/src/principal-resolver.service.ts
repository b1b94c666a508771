import { Injectable } from '@nestjs/common';
import { ClientCredentialsService } from './api-clients/client-credentials.service.js';
import type { Principal } from './principal.js';
import { AccessTokenService } from './sessions/access-token.service.js';
import { SessionService } from './sessions/session.service.js';

/** The key under which a principal's live connections are grouped, and revoked. */
export function principalKey(principal: Principal): string {
  return principal.kind === 'account' ? principal.accountId : `client:${principal.clientId}`;
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
    const principal =
      verified.kind === 'account'
        ? await this.sessions.principalOf(verified.accountId, verified.sessionId)
        : await this.clients.principalOf(
            verified.clientId,
            verified.scopes,
            verified.secretVersion,
          );
    return { principal, expiresAtMs };
  }
}
