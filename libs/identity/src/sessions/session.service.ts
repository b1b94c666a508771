import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@relais/core';
import { preparedQuery } from '@relais/database';
import { AccountEntity, AccountStatus } from '../account.entity.js';
import type { AccountPrincipal } from '../principal.js';
import type { Role } from '../role.js';
import { RefreshTokenEntity, SessionEntity } from '../session.entity.js';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './access-token.service.js';

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

interface PrincipalMembershipRow {
  readonly id: string;
  readonly role: Role;
  readonly structureId: string | null;
  readonly territoryId: string | null;
}

type RefreshOutcome =
  { error: DomainError; tokens?: never } | { error?: never; tokens: IssuedTokens };

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const sessionEnded = (): DomainError =>
  new DomainError(DomainErrorCode.Unauthenticated, 'Your session has ended: sign in again.');

/**
 * Sessions and their rotating refresh tokens. Each refresh token works once; presenting one
 * already used means it was stolen or replayed, and the whole session is revoked.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
  ) {}

  /** Opens a session for an active account and gives its first tokens. */
  async start(accountId: string, amr: readonly string[]): Promise<IssuedTokens> {
    return this.dataSource.transaction((manager) => this.startWithin(manager, accountId, amr));
  }

  /** The same, inside the caller's transaction (a sign-in that also links the account). */
  async startWithin(
    manager: EntityManager,
    accountId: string,
    amr: readonly string[],
  ): Promise<IssuedTokens> {
    const session = await manager.save(
      manager.create(SessionEntity, { accountId, amr: [...amr], revokedAt: null }),
    );
    return this.issue(manager, session);
  }

  /** Trades a refresh token for new tokens; a reused one revokes its session. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const token = await manager.findOne(RefreshTokenEntity, {
        where: { tokenHash: hashOf(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token) return { error: sessionEnded() };
      const session = await manager.findOneBy(SessionEntity, { id: token.sessionId });
      if (!session || session.revokedAt) return { error: sessionEnded() };
      if (token.usedAt) {
        await this.revokeWith(manager, session.id, 'refresh_token_reuse');
        return { error: sessionEnded() };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { error: sessionEnded() };
      const account = await manager.findOneBy(AccountEntity, { id: session.accountId });
      if (account?.status !== AccountStatus.ACTIVE) return { error: sessionEnded() };
      await manager.update(RefreshTokenEntity, { id: token.id }, { usedAt: new Date() });
      return { tokens: await this.issue(manager, session) };
    });
    // The revocation above is committed before the caller hears of it.
    if (outcome.error) throw outcome.error;
    return outcome.tokens;
  }

  async signOut(sessionId: string): Promise<void> {
    await this.revokeWith(this.dataSource.manager, sessionId, 'sign_out');
  }

  /**
   * The principal of a verified access token, read fresh at every request: a revoked session,
   * a disabled account or a revoked membership counts from the next request on.
   */
  async principalOf(accountId: string, sessionId: string): Promise<AccountPrincipal> {
    // One statement: this runs before every operation of every caller.
    const rows = await preparedQuery<{ memberships: PrincipalMembershipRow[] }>(
      this.dataSource,
      `SELECT COALESCE((SELECT json_agg(json_build_object('id', m.id, 'role', m.role,
                  'structureId', m.structure_id, 'territoryId', m.territory_id)
                  ORDER BY m.created_at, m.id)
                FROM membership m WHERE m.account_id = a.id AND m.revoked_at IS NULL), '[]')
              AS memberships
         FROM session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL AND a.status = $3`,
      [sessionId, accountId, AccountStatus.ACTIVE],
    );
    const row = rows[0];
    if (!row) throw sessionEnded();
    return { kind: 'account', accountId, sessionId, memberships: row.memberships };
  }

  private async revokeWith(
    manager: EntityManager,
    sessionId: string,
    reason: string,
  ): Promise<void> {
    await manager.update(
      SessionEntity,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  private async issue(manager: EntityManager, session: SessionEntity): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    await manager.insert(RefreshTokenEntity, {
      sessionId: session.id,
      tokenHash: hashOf(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      usedAt: null,
    });
    const accessToken = await this.accessTokens.issue({
      accountId: session.accountId,
      sessionId: session.id,
    });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }
}
