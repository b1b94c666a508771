import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { MeResolver } from './me.resolver.js';

@Module({ imports: [IdentityModule], providers: [MeResolver] })
export class IdentityApiModule {}
