import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Role } from '@relais/identity';

@InputType({ description: 'Another role for an active membership, at the same place.' })
export class ChangeMembershipRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'membershipId must be an id' })
  membershipId!: string;

  @Field(() => Role, {
    description: 'A structure role for a structure membership; never the role it has.',
  })
  @IsEnum(Role)
  role!: Role;
}

@InputType({
  description: 'One more membership for an account you administer, without invitation.',
})
export class AddMembershipInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'accountId must be an id' })
  accountId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'For PROFESSIONAL, ORIENTATION_MANAGER, STRUCTURE_ADMIN.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For TERRITORY_ADMIN.' })
  @IsOptional()
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId?: string | null;
}
