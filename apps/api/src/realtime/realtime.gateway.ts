import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { abilityFor } from '@relais/access';
import { DomainError } from '@relais/core';
import { AccessRevocations, PrincipalResolver, principalKey } from '@relais/identity';
import { NotificationFanout, type NotificationsMessage } from '@relais/notifications';
import type { Server, Socket } from 'socket.io';
import { Authenticated } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/request-context.js';

/**
 * The caseworkers' live channel (socket.io), on the API's own port. A socket is authenticated
 * once, at the handshake (`auth: { token }`), and joins its account's room and its structures'
 * rooms. It receives `notification` (an inbox row, shaped as GraphQL's Notification) and
 * `unread-count` (`{ count }`); a client that reconnects catches up through
 * `notifications(order: OLDEST_FIRST, after: <last cursor>)`. With Redis, the adapter carries
 * an emit made on one instance to the sockets of all of them.
 */
@WebSocketGateway({ serveClient: false })
export class RealtimeGateway implements OnGatewayInit<Server>, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly revocations: AccessRevocations,
    private readonly fanout: NotificationFanout,
  ) {}

  onModuleDestroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  afterInit(server: Server): void {
    // Access withdrawn: the account's sockets close now; reconnecting authenticates afresh.
    this.stops.push(
      this.revocations.onRevoked((accountId) => {
        server.in(`account:${accountId}`).disconnectSockets(true);
      }),
      // Inbox changes committed on this instance, for sockets anywhere.
      this.fanout.onPush((message) => this.emitInbox(server, message)),
    );
    server.use((socket: Socket, next) => {
      void this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          const reason = error instanceof DomainError ? error.code : 'UNAUTHENTICATED';
          if (!(error instanceof DomainError)) this.logger.error(error);
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
    const principal = await this.principals.fromToken(typeof token === 'string' ? token : '');
    const data: AuthenticatedRequest = { headers: {}, principal, ability: abilityFor(principal) };
    socket.data = data;
    const structureRooms = principal.memberships
      .map((membership) => membership.structureId)
      .filter((id): id is string => id !== null)
      .map((id) => `structure:${id}`);
    await socket.join([`account:${principalKey(principal)}`, ...new Set(structureRooms)]);
  }
}
