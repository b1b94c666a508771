import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { NotificationsModule } from '@relais/notifications';
import { LiveConnectionsModule } from './live-connections.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({
  imports: [IdentityModule, NotificationsModule, LiveConnectionsModule],
  providers: [RealtimeGateway],
})
export class RealtimeModule {}
