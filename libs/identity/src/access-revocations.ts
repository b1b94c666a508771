import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/**
 * Tells the live channels of this instance that an account's access changed (a membership
 * revoked, the account disabled), so they close its sockets and subscriptions at once; the
 * next connection is authorised afresh. Across instances this goes through Redis (issue 5).
 */
@Injectable()
export class AccessRevocations {
  private readonly events = new EventEmitter().setMaxListeners(0);

  revoked(accountId: string): void {
    this.events.emit('revoked', accountId);
  }

  onRevoked(listener: (accountId: string) => void): () => void {
    this.events.on('revoked', listener);
    return () => this.events.off('revoked', listener);
  }
}
