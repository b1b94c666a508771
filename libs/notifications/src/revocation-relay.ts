import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AccessRevocations } from '@relais/identity';
import { LiveBus } from './live-bus.js';

/**
 * Carries access revocations to every instance: one withdrawn on this instance is published on
 * the bus; one published by another instance is announced here through `AccessRevocations`, so
 * the socket.io gateway and the GraphQL WebSocket connections of every instance close the
 * account's connections. The in-process path is unchanged; a relayed revocation is not sent on.
 */
@Injectable()
export class RevocationRelay implements OnModuleInit, OnModuleDestroy {
  private relaying = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly revocations: AccessRevocations,
    private readonly bus: LiveBus,
  ) {}

  onModuleInit(): void {
    this.stops.push(
      this.revocations.onRevoked((key) => {
        if (this.relaying) return;
        void this.bus.publish('revocations', { origin: this.bus.instanceId, key });
      }),
      this.bus.subscribe('revocations', (message) => {
        if (message.origin === this.bus.instanceId) return;
        this.relaying = true;
        try {
          this.revocations.revoked(message.key);
        } finally {
          this.relaying = false;
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
