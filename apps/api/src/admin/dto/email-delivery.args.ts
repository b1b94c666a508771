import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { EmailDeliveryStatus } from '@relais/notifications';
import { PlacePageArgs } from './directory.args.js';

/** A place of the admin's, a page of its email log, newest first, of one status or all. */
@ArgsType()
export class EmailDeliveriesArgs extends PlacePageArgs {
  @Field(() => EmailDeliveryStatus, {
    nullable: true,
    description: 'Only the emails in this state.',
  })
  @IsOptional()
  @IsEnum(EmailDeliveryStatus, { message: 'status must be PENDING, SENT, DEFERRED or FAILED' })
  status?: EmailDeliveryStatus | null;
}
