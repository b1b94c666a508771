import { ArgsType, Field, Int } from '@nestjs/graphql';
import { MAX_PAGE_SIZE } from '@relais/core';
import { IsInt, Max, Min } from 'class-validator';

@ArgsType()
export class DevSentEmailsArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;
}
