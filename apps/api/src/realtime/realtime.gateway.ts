import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';

/**
 * The caseworkers' live channel (socket.io), on the API's own port. Authentication at the
 * handshake and per-account rooms come with the identity and notification issues.
 */
@WebSocketGateway({ serveClient: false })
export class RealtimeGateway {
  /** Lets a client measure its round trip and check the connection is alive. */
  @SubscribeMessage('ping')
  ping(): { serverTime: string } {
    return { serverTime: new Date().toISOString() };
  }
}
