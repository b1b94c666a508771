import { Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import {
  AccessRevocations,
  IdentityModule,
  type Principal,
  principalKey,
  sessionRevocationKey,
} from '@relais/identity';

/**
 * Live connections one principal (an account, all sessions together, or a partner client) may
 * hold open on one instance by default, socket.io sockets and GraphQL WebSocket connections
 * together (LIVE_CONNECTIONS_PER_PRINCIPAL sets another). A caseworker opens one socket per tab;
 * 20 leaves room for a day's tabs and a partner's workers, and bounds what one stolen token can
 * pin. Counted per instance: a load balancer spreads connections, so the platform-wide bound is
 * this times the instances.
 */
export const MAX_LIVE_CONNECTIONS_PER_PRINCIPAL = 20;

/**
 * Subscriptions one GraphQL WebSocket connection may hold at once (`notificationAdded` and
 * `events` are all a client needs; a screen rarely asks more than a handful): beyond, the new
 * one is refused with an error and the others go on.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;

export type LiveTransport = 'socket.io' | 'graphql-ws';

/** What a live connection knows of itself: how to close it, and why. */
export interface LiveConnection {
  /** Which of the two live transports carries it (the metrics count them apart). */
  readonly transport: LiveTransport;
  /** Closes the connection because access was withdrawn (revocation, sign-out). */
  readonly revoke: () => void;
  /** Closes the connection because its access token expired. */
  readonly expire: () => void;
}

interface Entry {
  readonly keys: readonly string[];
  readonly principal: string;
  readonly timer: NodeJS.Timeout;
}

/** The keys under which a principal's connections are closed: see AccessRevocations. */
function revocationKeys(principal: Principal): string[] {
  return principal.kind === 'client'
    ? [principalKey(principal)]
    : [principalKey(principal), sessionRevocationKey(principal.sessionId)];
}

/**
 * The live connections of this instance, for both transports: each is counted against its
 * principal's cap, closed when its access is revoked (here or on another instance, through the
 * revocation relay) and closed when its access token expires, with a reason of its own so the
 * client knows to renew rather than give up.
 */
@Injectable()
export class LiveConnections implements OnModuleDestroy {
  private readonly entries = new Map<LiveConnection, Entry>();
  private readonly byKey = new Map<string, Set<LiveConnection>>();
  private readonly counts = new Map<string, number>();
  private readonly unsubscribe: () => void;

  /** The most live connections one principal may hold here. */
  readonly maxPerPrincipal: number;

  constructor(revocations: AccessRevocations, @Inject(APP_CONFIG) config: AppConfig) {
    this.maxPerPrincipal = config.liveConnectionsPerPrincipal;
    this.unsubscribe = revocations.onRevoked((key) => {
      for (const connection of [...(this.byKey.get(key) ?? [])]) {
        this.close(connection);
        connection.revoke();
      }
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const connection of [...this.entries.keys()]) this.close(connection);
  }

  /**
   * Registers an authenticated connection, or returns false (and registers nothing) when its
   * principal already holds the most connections allowed.
   */
  open(connection: LiveConnection, principal: Principal, expiresAtMs: number): boolean {
    const key = principalKey(principal);
    const count = this.counts.get(key) ?? 0;
    if (count >= this.maxPerPrincipal) return false;
    this.counts.set(key, count + 1);
    // setTimeout holds at most about 24.8 days; access tokens live 15 minutes.
    const delay = Math.min(Math.max(expiresAtMs - Date.now(), 0), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (!this.entries.has(connection)) return;
      this.close(connection);
      connection.expire();
    }, delay);
    timer.unref();
    const keys = revocationKeys(principal);
    this.entries.set(connection, { keys, principal: key, timer });
    for (const revocationKey of keys) {
      const set = this.byKey.get(revocationKey) ?? new Set<LiveConnection>();
      set.add(connection);
      this.byKey.set(revocationKey, set);
    }
    return true;
  }

  /** Forgets a connection (closed by its client or by the server); safe to call twice. */
  close(connection: LiveConnection): void {
    const entry = this.entries.get(connection);
    if (!entry) return;
    this.entries.delete(connection);
    clearTimeout(entry.timer);
    for (const key of entry.keys) {
      const set = this.byKey.get(key);
      set?.delete(connection);
      if (set?.size === 0) this.byKey.delete(key);
    }
    const count = (this.counts.get(entry.principal) ?? 1) - 1;
    if (count <= 0) this.counts.delete(entry.principal);
    else this.counts.set(entry.principal, count);
  }

  /** Connections open on this instance (for tests and, later, metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Connections open on this instance over one transport. */
  countOf(transport: LiveTransport): number {
    let count = 0;
    for (const connection of this.entries.keys()) if (connection.transport === transport) count++;
    return count;
  }
}

@Module({ imports: [IdentityModule], providers: [LiveConnections], exports: [LiveConnections] })
export class LiveConnectionsModule {}
