import { Module } from '@nestjs/common';
import { ReadModelsModule } from '@relais/read-models';
import { EmailDeliveryResolver } from './email-delivery.resolver.js';

/** The admins' email delivery log. */
@Module({ imports: [ReadModelsModule], providers: [EmailDeliveryResolver] })
export class EmailDeliveryApiModule {}
