import { Injectable } from '@nestjs/common';
import { ClientCredentialsService } from './api-clients/client-credentials.service.js';
import type { Principal } from './principal.js';
import { AccessTokenService } from './sessions/access-token.service.js';
import { SessionService } from './sessions/session.service.js';

/** The key under which a principal's live connections are grouped, and revoked. */
export function principalKey(principal: Principal): string {
  return principal.kind === 'account' ? principal.accountId : `client:${principal.clientId}`;
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
    const verified = await this.accessTokens.verifyAny(token);
    return verified.kind === 'account'
      ? this.sessions.principalOf(verified.accountId, verified.sessionId)
      : this.clients.principalOf(verified.clientId, verified.scopes, verified.secretVersion);
  }
}
