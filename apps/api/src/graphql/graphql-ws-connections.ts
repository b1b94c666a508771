import { Injectable, Module } from '@nestjs/common';
import { IdentityModule, PrincipalResolver } from '@relais/identity';
import { GraphQLError } from 'graphql';
import type { WebSocket } from 'ws';
import {
  type LiveConnection,
  LiveConnections,
  LiveConnectionsModule,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
} from '../realtime/live-connections.js';
import { GracefulShutdown, ShutdownModule } from '../shutdown/graceful-shutdown.service.js';

interface ConnectionContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly subscriptions: Readonly<Record<string, unknown>>;
  readonly extra: { readonly socket: WebSocket; connection?: LiveConnection };
}

/** graphql-ws closes a socket with this code when access is refused or withdrawn. */
export const FORBIDDEN_CLOSE_CODE = 4403;
/** The access token the connection was opened with has expired: reconnect with a fresh one. */
export const SESSION_EXPIRED_CLOSE_CODE = 4401;
/** The principal already holds the most live connections allowed on this instance. */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;
/**
 * WebSocket's own "Service Restart": the instance is shutting down, reconnect (graphql-ws's
 * client retries after it; the load balancer sends the new connection to another instance).
 */
export const SERVICE_RESTART_CLOSE_CODE = 1012;

/**
 * The GraphQL WebSocket connections of this instance. A connection that sends an access token
 * (`connectionParams.authorization: "Bearer ..."`) must send a valid one, and is then counted
 * and watched by LiveConnections: closed with 4403 when its access is withdrawn (a membership
 * or client revoked, its session signed out), with 4401 when its token expires, and refused
 * with 4429 beyond the principal's connections. Each operation is still authorised on its own
 * by the AuthGuard. At shutdown every connection is closed with 1012 (Service Restart).
 */
@Injectable()
export class GraphqlWsConnections {
  /** Every socket past its ConnectionInit, signed in or not: closed with 1012 at shutdown. */
  private readonly sockets = new Set<WebSocket>();

  /** The connections accepted and not yet closed, to count their operations. */
  private readonly open = new Set<ConnectionContext>();

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly connections: LiveConnections,
    private readonly shutdown: GracefulShutdown,
  ) {
    shutdown.onClosing(() => {
      for (const socket of this.sockets) this.restart(socket);
    });
  }

  /** graphql-ws `onConnect`: false refuses the connection (4403). */
  async onConnect(ctx: ConnectionContext): Promise<boolean> {
    if (this.shutdown.closing) {
      // Closed with its own code first; graphql-ws's 4403 that follows finds it closing.
      this.restart(ctx.extra.socket);
      return false;
    }
    this.sockets.add(ctx.extra.socket);
    const authorization = ctx.connectionParams?.authorization;
    if (authorization === undefined) {
      this.open.add(ctx);
      return true;
    }
    const token =
      typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
    if (!token) return false;
    let live;
    try {
      live = await this.principals.forLiveConnection(token);
    } catch {
      return false;
    }
    const socket = ctx.extra.socket;
    const connection: LiveConnection = {
      transport: 'graphql-ws',
      revoke: () => socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden: access withdrawn'),
      expire: () => socket.close(SESSION_EXPIRED_CLOSE_CODE, 'Session expired: reconnect'),
    };
    if (!this.connections.open(connection, live.principal, live.expiresAtMs)) {
      // Closed with its own code first; graphql-ws's 4403 that follows finds it closing.
      socket.close(
        TOO_MANY_CONNECTIONS_CLOSE_CODE,
        `Too many connections: at most ${this.connections.maxPerPrincipal}`,
      );
      return false;
    }
    ctx.extra.connection = connection;
    this.open.add(ctx);
    return true;
  }

  /** Operations under way on this instance's GraphQL WebSocket connections (subscriptions, mostly). */
  get operationCount(): number {
    let count = 0;
    for (const ctx of this.open) count += Object.keys(ctx.subscriptions).length;
    return count;
  }

  /**
   * graphql-ws `onSubscribe`, before the operation is prepared: refuses an operation beyond the
   * connection's bound (graphql-ws has already counted it among the connection's operations).
   */
  refuseBeyondLimit(ctx: ConnectionContext): readonly GraphQLError[] | undefined {
    if (Object.keys(ctx.subscriptions).length <= MAX_SUBSCRIPTIONS_PER_CONNECTION) return;
    return [
      new GraphQLError(
        `Too many subscriptions on this connection: at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION}. Complete one before starting another.`,
        { extensions: { code: 'BAD_REQUEST', reason: 'TOO_MANY_SUBSCRIPTIONS' } },
      ),
    ];
  }

  onClose(ctx: ConnectionContext): void {
    this.sockets.delete(ctx.extra.socket);
    this.open.delete(ctx);
    if (ctx.extra.connection) this.connections.close(ctx.extra.connection);
  }

  private restart(socket: WebSocket): void {
    socket.close(SERVICE_RESTART_CLOSE_CODE, 'Service restart: reconnect');
  }
}

@Module({
  imports: [IdentityModule, LiveConnectionsModule, ShutdownModule],
  providers: [GraphqlWsConnections],
  exports: [GraphqlWsConnections],
})
export class GraphqlWsConnectionsModule {}
