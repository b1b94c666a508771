import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { NotificationsModule } from '@relais/notifications';
import { LiveConnectionsModule } from './live-connections.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { ShutdownModule } from '../shutdown/graceful-shutdown.service.js';

@Module({
  imports: [IdentityModule, NotificationsModule, LiveConnectionsModule, ShutdownModule],
  providers: [RealtimeGateway],
})
export class RealtimeModule {}
