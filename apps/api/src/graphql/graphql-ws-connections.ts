import { Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import {
  AccessRevocations,
  IdentityModule,
  PrincipalResolver,
  principalKey,
} from '@relais/identity';
import type { WebSocket } from 'ws';

interface ConnectionContext {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  readonly extra: { readonly socket: WebSocket; accountId?: string };
}

/** graphql-ws closes a socket with this code when access is refused or withdrawn. */
export const FORBIDDEN_CLOSE_CODE = 4403;

/**
 * The GraphQL WebSocket connections of this instance, by account. A connection that sends an
 * access token (`connectionParams.authorization: "Bearer ..."`) must send a valid one; when the
 * account's access is withdrawn, its sockets close at once and its subscriptions with them.
 * Each operation is still authorised on its own by the AuthGuard.
 */
@Injectable()
export class GraphqlWsConnections implements OnModuleDestroy {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly principals: PrincipalResolver,
    revocations: AccessRevocations,
  ) {
    this.unsubscribe = revocations.onRevoked((accountId) => this.closeAll(accountId));
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** graphql-ws `onConnect`: false refuses the connection (4403). */
  async onConnect(ctx: ConnectionContext): Promise<boolean> {
    const authorization = ctx.connectionParams?.authorization;
    if (authorization === undefined) return true;
    const token =
      typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
    if (!token) return false;
    try {
      const key = principalKey(await this.principals.fromToken(token));
      ctx.extra.accountId = key;
      const set = this.sockets.get(key) ?? new Set<WebSocket>();
      set.add(ctx.extra.socket);
      this.sockets.set(key, set);
      return true;
    } catch {
      return false;
    }
  }

  onClose(ctx: ConnectionContext): void {
    const accountId = ctx.extra.accountId;
    if (!accountId) return;
    const set = this.sockets.get(accountId);
    set?.delete(ctx.extra.socket);
    if (set?.size === 0) this.sockets.delete(accountId);
  }

  private closeAll(accountId: string): void {
    for (const socket of this.sockets.get(accountId) ?? []) {
      socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden: access withdrawn');
    }
    this.sockets.delete(accountId);
  }
}

@Module({
  imports: [IdentityModule],
  providers: [GraphqlWsConnections],
  exports: [GraphqlWsConnections],
})
export class GraphqlWsConnectionsModule {}
