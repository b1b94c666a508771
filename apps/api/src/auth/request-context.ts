import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RelaisAbility } from '@relais/access';
import type { Principal } from '@relais/identity';

/** What a request carries once authenticated, whatever its transport. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
  ability?: RelaisAbility;
}

/** The request of an HTTP route or of a GraphQL operation (HTTP, or WebSocket via its context). */
export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'ws') {
    // socket.io: the handshake authenticated the socket once; its data carries the principal.
    return context.switchToWs().getClient<{ data: AuthenticatedRequest }>().data;
  }
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

export function bearerTokenOf(request: AuthenticatedRequest): string | undefined {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer ([A-Za-z0-9._~+/=-]+)$/);
  return match?.[1];
}
