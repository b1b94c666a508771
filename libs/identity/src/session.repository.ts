import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { preparedQuery } from '@relais/database';
import { AccountStatus } from './account.entity.js';
import type { Role } from './role.js';
import { RefreshTokenEntity, SessionEntity, type SessionProvider } from './session.entity.js';

/** The provider a session was opened through, and what its logout needs (`id_token_hint`). */
export interface ProviderSession {
  readonly provider: SessionProvider;
  readonly idToken: string;
}

/** An active membership as a principal carries it. */
export interface PrincipalMembershipRow {
  readonly id: string;
  readonly role: Role;
  readonly structureId: string | null;
  readonly territoryId: string | null;
}

/** The `session` and `refresh_token` tables: their one owner. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    accountId: string,
    amr: readonly string[],
    manager: EntityManager = this.dataSource.manager,
    provider?: ProviderSession,
  ): Promise<SessionEntity> {
    return manager.save(
      manager.create(SessionEntity, {
        accountId,
        amr: [...amr],
        revokedAt: null,
        ...providerColumns(provider),
      }),
    );
  }

  /** A followed person's session in their personal space (issue 22). */
  async createForPerson(
    personId: string,
    amr: readonly string[],
    manager: EntityManager,
    provider?: ProviderSession,
  ): Promise<SessionEntity> {
    return manager.save(
      manager.create(SessionEntity, {
        accountId: null,
        personId,
        amr: [...amr],
        revokedAt: null,
        ...providerColumns(provider),
      }),
    );
  }

  /**
   * Ends a live session at its sign-out, in one statement; gives its provider and the ID token
   * its logout needs, which the row forgets at once. Undefined when it had already ended; a
   * provider without a token when none was kept.
   */
  async signOut(
    sessionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ provider: SessionProvider | null; idToken: string | null } | undefined> {
    const [rows] = await manager.query<
      [{ provider: SessionProvider | null; id_token: string | null }[], number]
    >(
      `WITH ending AS (
         SELECT id, provider, provider_id_token FROM session
          WHERE id = $1 AND revoked_at IS NULL FOR UPDATE)
       UPDATE session s SET revoked_at = now(), revoked_reason = 'sign_out',
              provider_id_token = NULL
         FROM ending WHERE s.id = ending.id
       RETURNING ending.provider, ending.provider_id_token AS id_token`,
      [sessionId],
    );
    const [row] = rows;
    return row && { provider: row.provider, idToken: row.id_token };
  }

  /** Revokes every live session of the people; gives their ids (their connections to close). */
  async revokePersonSessions(
    personIds: readonly string[],
    reason: string,
    manager: EntityManager,
  ): Promise<string[]> {
    // An UPDATE's result is [rows, count] with the Postgres driver.
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE session SET revoked_at = now(), revoked_reason = $2, provider_id_token = NULL
        WHERE person_id = ANY($1::uuid[]) AND revoked_at IS NULL
        RETURNING id`,
      [personIds, reason],
    );
    return rows.map((row) => row.id);
  }

  /** Whether a person's session is live (not revoked, within its lifetime): one statement. */
  async personSessionIsLive(
    sessionId: string,
    personId: string,
    lifetimeMs: number,
  ): Promise<boolean> {
    const rows = await preparedQuery<{ live: boolean }>(
      this.dataSource,
      `SELECT true AS live FROM session s
        WHERE s.id = $1 AND s.person_id = $2 AND s.revoked_at IS NULL
          AND s.created_at > now() - $3 * interval '1 millisecond'`,
      [sessionId, personId, lifetimeMs],
    );
    return rows.length === 1;
  }

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SessionEntity | null> {
    return manager.findOneBy(SessionEntity, { id });
  }

  /** Revokes the session unless it already is; its provider's ID token is no longer kept. */
  async revoke(
    sessionId: string,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(
      SessionEntity,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason, providerIdToken: null },
    );
  }

  /**
   * Forgets the providers' ID tokens of the sessions that can no longer be used: ended, past their
   * absolute lifetime, or without a refresh token still valid (unused for the idle timeout).
   * Nothing signs them out any more, so nothing needs what their provider's logout takes.
   */
  async forgetSpentProviderTokens(
    lifetimeMs: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE session s SET provider_id_token = NULL
        WHERE s.provider_id_token IS NOT NULL
          AND (s.revoked_at IS NOT NULL
            OR s.created_at <= now() - make_interval(secs => $1::double precision / 1000)
            OR NOT EXISTS (SELECT 1 FROM refresh_token t
                            WHERE t.session_id = s.id AND t.expires_at > now()))`,
      [lifetimeMs],
    );
    return count;
  }

  /** The refresh token with this hash (of this session, when given), locked until commit. */
  async lockRefreshToken(
    tokenHash: string,
    manager: EntityManager,
    sessionId?: string,
  ): Promise<RefreshTokenEntity | null> {
    return manager.findOne(RefreshTokenEntity, {
      where: sessionId === undefined ? { tokenHash } : { tokenHash, sessionId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async insertRefreshToken(
    token: { sessionId: string; tokenHash: string; expiresAt: Date },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(RefreshTokenEntity, { ...token, usedAt: null });
  }

  /** Marks a refresh token used, keeping its successor sealed. */
  async markRefreshTokenUsed(
    id: string,
    successorSealed: Buffer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(RefreshTokenEntity, { id }, { usedAt: new Date(), successorSealed });
  }

  /**
   * The active memberships of a live session's active account, in one statement (it runs before
   * every operation of every caller); undefined when the session or the account is not live.
   */
  async liveMembershipsOf(
    sessionId: string,
    accountId: string,
    lifetimeMs: number,
  ): Promise<PrincipalMembershipRow[] | undefined> {
    const rows = await preparedQuery<{ memberships: PrincipalMembershipRow[] }>(
      this.dataSource,
      `SELECT COALESCE((SELECT json_agg(json_build_object('id', m.id, 'role', m.role,
                  'structureId', m.structure_id, 'territoryId', m.territory_id)
                  ORDER BY m.created_at, m.id)
                FROM membership m WHERE m.account_id = a.id AND m.revoked_at IS NULL), '[]')
              AS memberships
         FROM session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL AND a.status = $3
          AND s.created_at > now() - $4 * interval '1 millisecond'`,
      [sessionId, accountId, AccountStatus.ACTIVE, lifetimeMs],
    );
    return rows[0]?.memberships;
  }
}

const providerColumns = (
  provider: ProviderSession | undefined,
): Pick<SessionEntity, 'provider' | 'providerIdToken'> => ({
  provider: provider?.provider ?? null,
  providerIdToken: provider?.idToken ?? null,
});
