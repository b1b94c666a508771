import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { NotificationsModule } from '@relais/notifications';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [IdentityModule, NotificationsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
