import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsUUID, MaxLength } from 'class-validator';

@InputType({ description: 'Invite the person followed to their personal space.' })
export class InvitePersonToSpaceInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field({ description: 'The address the person gave: the one-time link and the codes go there.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

@ArgsType()
export class RevokePersonSpaceArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;
}
