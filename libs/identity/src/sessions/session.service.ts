import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { AccessRevocations, sessionRevocationKey } from '../access-revocations.js';
import { AccountStatus } from '../account.entity.js';
import { AccountRepository } from '../account.repository.js';
import type { AccountPrincipal, PersonPrincipal } from '../principal.js';
import type { RefreshTokenEntity, SessionEntity } from '../session.entity.js';
import { type ProviderSession, SessionRepository } from '../session.repository.js';
import { AccessTokenService } from './access-token.service.js';

export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * How long a refresh token just replaced still yields the same successor: two tabs (or a retry
 * after a lost answer) refreshing at once both go on with one token family. After it, presenting
 * the old token again is a reuse, and ends the session.
 */
export const REFRESH_REUSE_GRACE_MS = 10_000;

/** A concurrent refresh follows at most this many replacements made within the grace. */
const GRACE_CHAIN_LIMIT = 3;

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  /** When the session ends however active it is (its absolute lifetime). */
  readonly sessionExpiresAt: Date;
}

type RefreshOutcome =
  | { error: DomainError; tokens?: never; revoked?: string }
  | { error?: never; tokens: IssuedTokens; revoked?: never };

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The successor of a refresh token, sealed with a key derived from that token: only whoever
 * presents the replaced token can open it (the database alone cannot), for the grace period.
 */
function sealSuccessor(token: string, successor: string): Buffer {
  const key = Buffer.from(hkdfSync('sha256', token, '', 'relais refresh successor', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
}

function openSuccessor(token: string, sealed: Buffer): string | undefined {
  try {
    const key = Buffer.from(hkdfSync('sha256', token, '', 'relais refresh successor', 32));
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString();
  } catch {
    return undefined;
  }
}

const sessionEnded = (): DomainError =>
  new DomainError(
    DomainErrorCode.Unauthenticated,
    DomainErrorReason.SessionEnded,
    'Your session has ended: sign in again.',
  );

/**
 * Sessions and their rotating refresh tokens. Each refresh token works once; presenting one
 * already used means it was stolen or replayed, and the whole session is revoked (within a few
 * seconds of its use it yields the same successor instead: a concurrent refresh, not a theft).
 * A session ends when unused for the idle timeout, and at its absolute lifetime; signing out
 * or ending it for reuse also closes its live connections, on every instance.
 */
@Injectable()
export class SessionService {
  private readonly idleMs: number;
  private readonly lifetimeMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly accounts: AccountRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly revocations: AccessRevocations,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMs = config.sessionIdleMinutes * 60_000;
    this.lifetimeMs = config.sessionMaxHours * 3_600_000;
  }

  /** The session settings a client needs to warn before an idle sign-out. */
  get idleTimeoutMs(): number {
    return this.idleMs;
  }

  /** Opens a session for an active account and gives its first tokens. */
  async start(accountId: string, amr: readonly string[]): Promise<IssuedTokens> {
    return this.dataSource.transaction((manager) => this.startWithin(manager, accountId, amr));
  }

  /**
   * The same, inside the caller's transaction (a sign-in that also links the account); opened
   * through a provider, the session keeps what the provider's logout needs.
   */
  async startWithin(
    manager: EntityManager,
    accountId: string,
    amr: readonly string[],
    provider?: ProviderSession,
  ): Promise<IssuedTokens> {
    const session = await this.sessions.create(accountId, amr, manager, provider);
    return this.issue(manager, session);
  }

  /**
   * Opens a session for a followed person in their personal space (issue 22), inside the
   * caller's transaction (the sign-in code spent in the same one). Same rules as an account's:
   * rotating refresh tokens, idle timeout, absolute lifetime.
   */
  async startForPersonWithin(
    manager: EntityManager,
    personId: string,
    amr: readonly string[],
    provider?: ProviderSession,
  ): Promise<IssuedTokens> {
    const session = await this.sessions.createForPerson(personId, amr, manager, provider);
    return this.issue(manager, session);
  }

  /**
   * Ends every session of a person in the caller's transaction (their space revoked, or given
   * another address); gives the ids to announce with `announceEnded` once committed.
   */
  endPersonSessionsWithin(
    manager: EntityManager,
    personId: string,
    reason: 'space_revoked' | 'space_address_changed' = 'space_revoked',
  ): Promise<string[]> {
    return this.sessions.revokePersonSessions([personId], reason, manager);
  }

  /** Closes the live connections of sessions ended (here and, through the relay, everywhere). */
  announceEnded(sessionIds: readonly string[]): void {
    for (const id of sessionIds) this.revocations.revoked(sessionRevocationKey(id));
  }

  /** The principal of a person's verified access token, its session read at every request. */
  async personPrincipalOf(personId: string, sessionId: string): Promise<PersonPrincipal> {
    const live = await this.sessions.personSessionIsLive(sessionId, personId, this.lifetimeMs);
    if (!live) throw sessionEnded();
    return { kind: 'person', personId, sessionId, memberships: [] };
  }

  /**
   * Trades a refresh token for new tokens. A token replaced less than REFRESH_REUSE_GRACE_MS
   * ago yields its successor again; any other reuse revokes the session.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.refreshWithin(manager, refreshToken),
    );
    // The revocation is committed before the caller hears of it, and the session's live
    // connections close (here and, through the relay, on every instance).
    if (outcome.revoked) this.revocations.revoked(sessionRevocationKey(outcome.revoked));
    if (outcome.error) throw outcome.error;
    return outcome.tokens;
  }

  /**
   * Ends the session (its live connections close everywhere). A session opened through a
   * provider gives what the provider's logout needs, once: the row forgets the ID token as it
   * ends, so a second sign-out gives nothing.
   */
  async signOut(sessionId: string): Promise<ProviderSession | undefined> {
    const ended = await this.sessions.signOut(sessionId);
    this.revocations.revoked(sessionRevocationKey(sessionId));
    return ended?.provider && ended.idToken
      ? { provider: ended.provider, idToken: ended.idToken }
      : undefined;
  }

  private async refreshWithin(
    manager: EntityManager,
    refreshToken: string,
  ): Promise<RefreshOutcome> {
    const token = await this.sessions.lockRefreshToken(hashOf(refreshToken), manager);
    if (!token) return { error: sessionEnded() };
    const session = await this.sessions.byId(token.sessionId, manager);
    if (!session || session.revokedAt) return { error: sessionEnded() };
    const now = Date.now();
    if (session.createdAt.getTime() + this.lifetimeMs <= now) {
      await this.revokeWith(manager, session.id, 'lifetime');
      return { error: sessionEnded(), revoked: session.id };
    }
    if (session.accountId !== null) {
      const account = await this.accounts.byId(session.accountId, manager);
      if (account?.status !== AccountStatus.ACTIVE) return { error: sessionEnded() };
    }
    // A person's session needs no such check: revoking the space revokes its sessions.
    if (token.usedAt) {
      const followed = await this.successorWithinGrace(manager, session, token, refreshToken, 0);
      if (followed) return { tokens: followed };
      await this.revokeWith(manager, session.id, 'refresh_token_reuse');
      return { error: sessionEnded(), revoked: session.id };
    }
    if (token.expiresAt.getTime() <= now) return { error: sessionEnded() };
    if (token.createdAt.getTime() + this.idleMs <= now) {
      await this.revokeWith(manager, session.id, 'idle');
      return { error: sessionEnded(), revoked: session.id };
    }
    return { tokens: await this.rotate(manager, session, token, refreshToken) };
  }

  /**
   * A token replaced within the grace: its successor again (not a new one, so that both callers
   * go on with the same token family), or that successor's own if it was replaced in turn
   * within the grace. Undefined: a reuse.
   */
  private async successorWithinGrace(
    manager: EntityManager,
    session: SessionEntity,
    used: RefreshTokenEntity,
    usedToken: string,
    depth: number,
  ): Promise<IssuedTokens | undefined> {
    if (!used.usedAt || !used.successorSealed || depth >= GRACE_CHAIN_LIMIT) return undefined;
    if (Date.now() - used.usedAt.getTime() > REFRESH_REUSE_GRACE_MS) return undefined;
    const successorToken = openSuccessor(usedToken, used.successorSealed);
    if (!successorToken) return undefined;
    const successor = await this.sessions.lockRefreshToken(
      hashOf(successorToken),
      manager,
      session.id,
    );
    if (!successor) return undefined;
    if (successor.usedAt) {
      return this.successorWithinGrace(manager, session, successor, successorToken, depth + 1);
    }
    return this.tokensFor(session, successorToken);
  }

  /**
   * The principal of a verified access token, read fresh at every request: a revoked session,
   * a disabled account or a revoked membership counts from the next request on.
   */
  async principalOf(accountId: string, sessionId: string): Promise<AccountPrincipal> {
    // One statement: this runs before every operation of every caller.
    const memberships = await this.sessions.liveMembershipsOf(
      sessionId,
      accountId,
      this.lifetimeMs,
    );
    if (!memberships) throw sessionEnded();
    return { kind: 'account', accountId, sessionId, memberships };
  }

  private async revokeWith(
    manager: EntityManager,
    sessionId: string,
    reason: string,
  ): Promise<void> {
    await this.sessions.revoke(sessionId, reason, manager);
  }

  /** Replaces a refresh token: the old one is marked used and keeps its successor, sealed. */
  private async rotate(
    manager: EntityManager,
    session: SessionEntity,
    token: RefreshTokenEntity,
    refreshToken: string,
  ): Promise<IssuedTokens> {
    const tokens = await this.issue(manager, session);
    await this.sessions.markRefreshTokenUsed(
      token.id,
      sealSuccessor(refreshToken, tokens.refreshToken),
      manager,
    );
    return tokens;
  }

  private async issue(manager: EntityManager, session: SessionEntity): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const sessionExpiresAt = new Date(session.createdAt.getTime() + this.lifetimeMs);
    await this.sessions.insertRefreshToken(
      {
        sessionId: session.id,
        tokenHash: hashOf(refreshToken),
        expiresAt: new Date(
          Math.min(Date.now() + REFRESH_TOKEN_TTL_MS, sessionExpiresAt.getTime()),
        ),
      },
      manager,
    );
    return this.tokensFor(session, refreshToken);
  }

  private async tokensFor(session: SessionEntity, refreshToken: string): Promise<IssuedTokens> {
    const accessToken =
      session.personId !== null
        ? await this.accessTokens.issueForPerson({
            personId: session.personId,
            sessionId: session.id,
          })
        : await this.accessTokens.issue({
            accountId: session.accountId ?? '',
            sessionId: session.id,
          });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
      sessionExpiresAt: new Date(session.createdAt.getTime() + this.lifetimeMs),
    };
  }
}
