import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { abilityFor } from '@relais/access';
import { DomainError } from '@relais/core';
import { AccessRevocations, PrincipalResolver, principalKey } from '@relais/identity';
import type { Server, Socket } from 'socket.io';
import { Authenticated } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/request-context.js';

/**
 * The caseworkers' live channel (socket.io), on the API's own port. A socket is authenticated
 * once, at the handshake (`auth: { token }`), and joins its account's room.
 */
@WebSocketGateway({ serveClient: false })
export class RealtimeGateway implements OnGatewayInit<Server>, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private stopListening?: () => void;

  constructor(
    private readonly principals: PrincipalResolver,
    private readonly revocations: AccessRevocations,
  ) {}

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  afterInit(server: Server): void {
    // Access withdrawn: the account's sockets close now; reconnecting authenticates afresh.
    this.stopListening = this.revocations.onRevoked((accountId) => {
      server.in(`account:${accountId}`).disconnectSockets(true);
    });
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

  private async authenticate(socket: Socket): Promise<void> {
    const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const principal = await this.principals.fromToken(typeof token === 'string' ? token : '');
    const data: AuthenticatedRequest = { headers: {}, principal, ability: abilityFor(principal) };
    socket.data = data;
    await socket.join(`account:${principalKey(principal)}`);
  }
}
