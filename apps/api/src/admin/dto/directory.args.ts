import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@relais/core';

/** A structure, a territory, or neither (the whole platform, for platform admins). */
@ArgsType()
export class DirectoryPlaceArgs {
  @Field(() => ID, { nullable: true, description: 'A whole territory: its structures and admins.' })
  @IsOptional()
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One structure.' })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;

  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;
}

/** A place and a page of it, newest first: the invitations, the admin audit log. */
@ArgsType()
export class PlacePageArgs extends DirectoryPlaceArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  after?: string | null;
}

@ArgsType()
export class MembershipsArgs extends DirectoryPlaceArgs {
  @Field({ defaultValue: false, description: 'Include revoked memberships.' })
  @IsBoolean()
  includeRevoked!: boolean;

  // A position holds two names of up to 100 characters each (up to 4 UTF-8 bytes apiece).
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 1200)
  after?: string | null;
}
