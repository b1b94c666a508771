import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/**
 * The key that names one session's live connections: sign-out and a reused refresh token end
 * that session, and only its sockets close (the account's other sessions stay open).
 */
export function sessionRevocationKey(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The key that names all of a followed person's live connections (their space revoked). */
export function personRevocationKey(personId: string): string {
  return `person:${personId}`;
}

/**
 * Tells the live channels of this instance that access changed, so they close the matching
 * sockets and subscriptions at once; the next connection is authorised afresh. A key is an
 * account id (a membership revoked, the account disabled), `client:<id>` (a partner client
 * revoked), `session:<id>` (a session ended) or `person:<id>` (a person's space revoked). Across instances this goes through Redis
 * (the notifications lib's RevocationRelay).
 */
@Injectable()
export class AccessRevocations {
  private readonly events = new EventEmitter().setMaxListeners(0);

  revoked(key: string): void {
    this.events.emit('revoked', key);
  }

  onRevoked(listener: (key: string) => void): () => void {
    this.events.on('revoked', listener);
    return () => this.events.off('revoked', listener);
  }
}
