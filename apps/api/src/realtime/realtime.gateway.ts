import { Logger, type OnModuleDestroy, UseFilters } from '@nestjs/common';
import { type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { abilityFor } from '@relais/access';
import { DomainError } from '@relais/core';
import { PrincipalResolver, principalKey } from '@relais/identity';
import { NotificationFanout, type NotificationsMessage } from '@relais/notifications';
import type { Server, Socket } from 'socket.io';
import { Authenticated } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/request-context.js';
import { DomainErrorFilter } from '../http/domain-error.filter.js';
import { GracefulShutdown } from '../shutdown/graceful-shutdown.service.js';
import { type LiveConnection, LiveConnections } from './live-connections.js';

/** Sent to a socket just before the server closes it because its access token expired. */
export const SESSION_EXPIRED_EVENT = 'session-expired';

/**
 * Sent to every socket when the instance shuts down, just before its transport is closed: the
 * client reconnects by itself (socket.io's reason `transport close`), and the load balancer
 * sends it to another instance. Nothing is missed: a reconnected client catches up.
 */
export const SERVICE_RESTART_EVENT = 'service-restart';

/** The handshake's refusal when the principal already holds the most live connections. */
export const TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS';

/**
 * The caseworkers' live channel (socket.io), on the API's own port. A socket is authenticated
 * once, at the handshake (`auth: { token }`), and joins its account's room and its structures'
 * rooms. It receives `notification` (an inbox row, shaped as GraphQL's Notification) and
 * `unread-count` (`{ count }`); a client that reconnects catches up through
 * `notifications(order: OLDEST_FIRST, after: <last cursor>)`. With Redis, the adapter carries
 * an emit made on one instance to the sockets of all of them.
 *
 * A socket lives no longer than its access or its token: when access is withdrawn (a
 * membership revoked, the session signed out) it is closed at once; when the token expires the
 * server sends `session-expired` and closes it, and the client reconnects with a fresh token.
 * When the instance shuts down, it sends `service-restart` and closes the transport.
 *
 * `destroyUpgrade: false`: the WebSocket upgrades of /graphql belong to graphql-ws on the same
 * port; engine.io would otherwise end any of them whose handshake is not written within a
 * second (a busy server), and hold a timer that long after each.
 */
@WebSocketGateway({ serveClient: false, destroyUpgrade: false })
// A message refused (a person's session, issue 22) says why, as an HTTP route would.
@UseFilters(new DomainErrorFilter())
export class RealtimeGateway implements OnGatewayInit<Server>, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly connections: LiveConnections,
    private readonly fanout: NotificationFanout,
    private readonly shutdown: GracefulShutdown,
  ) {}

  onModuleDestroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  afterInit(server: Server): void {
    // Inbox changes committed on this instance, for sockets anywhere.
    this.stops.push(this.fanout.onPush((message) => this.emitInbox(server, message)));
    this.stops.push(
      this.shutdown.onClosing(() => {
        for (const socket of server.of('/').sockets.values()) this.restart(socket);
      }),
    );
    // A handshake that was under way when the port stopped accepting.
    server.on('connection', (socket: Socket) => {
      if (this.shutdown.closing) this.restart(socket);
    });
    server.use((socket: Socket, next) => {
      void this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          const refusedForCount = error instanceof Error && error.message === TOO_MANY_CONNECTIONS;
          const reason =
            error instanceof DomainError
              ? error.code
              : refusedForCount
                ? TOO_MANY_CONNECTIONS
                : 'UNAUTHENTICATED';
          if (!(error instanceof DomainError) && !refusedForCount) this.logger.error(error);
          next(new Error(reason));
        },
      );
    });
  }

  /** Lets a client measure its round trip and check the connection is alive. */
  @Authenticated()
  @SubscribeMessage('ping')
  ping(): { serverTime: string } {
    return { serverTime: new Date().toISOString() };
  }

  /**
   * Not `disconnect(true)`: a client takes that for access withdrawn (the web client fetches
   * every query on screen again), and socket.io's own client does not reconnect after it.
   */
  private restart(socket: Socket): void {
    socket.emit(SERVICE_RESTART_EVENT);
    // engine.io sends what is queued (the event above) before it closes.
    socket.conn.close();
  }

  private emitInbox(server: Server, message: NotificationsMessage): void {
    for (const notification of message.notifications) {
      server.to(`account:${notification.accountId}`).emit('notification', notification);
    }
    for (const { accountId, count } of message.unreadCounts) {
      server.to(`account:${accountId}`).emit('unread-count', { count });
    }
  }

  private async authenticate(socket: Socket): Promise<void> {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const { principal, expiresAtMs } = await this.principals.forLiveConnection(
      typeof token === 'string' ? token : '',
    );
    const connection: LiveConnection = {
      transport: 'socket.io',
      // Access withdrawn: closed now; reconnecting authenticates afresh.
      revoke: () => socket.disconnect(true),
      expire: () => {
        socket.emit(SESSION_EXPIRED_EVENT);
        socket.disconnect(true);
      },
    };
    if (!this.connections.open(connection, principal, expiresAtMs)) {
      throw new Error(TOO_MANY_CONNECTIONS);
    }
    socket.once('disconnect', () => this.connections.close(connection));
    const data: AuthenticatedRequest = { headers: {}, principal, ability: abilityFor(principal) };
    socket.data = data;
    const structureRooms = principal.memberships
      .map((membership) => membership.structureId)
      .filter((id): id is string => id !== null)
      .map((id) => `structure:${id}`);
    try {
      await socket.join([`account:${principalKey(principal)}`, ...new Set(structureRooms)]);
    } catch (error) {
      this.connections.close(connection);
      throw error;
    }
  }
}
