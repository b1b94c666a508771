import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [IdentityModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
