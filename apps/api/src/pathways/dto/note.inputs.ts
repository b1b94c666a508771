import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { NOTE_MAX_LENGTH, NoteVisibility } from '@relais/pathways';
import { PageArgs } from './person.inputs.js';

/** The text of a note: not blank, at most 5,000 characters. */
const NoteBody = () =>
  applyDecorators(
    IsString(),
    MaxLength(NOTE_MAX_LENGTH),
    Matches(/\S/, { message: 'body must not be blank' }),
  );

@InputType()
export class AddNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field({ description: `At most ${NOTE_MAX_LENGTH} characters.` })
  @NoteBody()
  body!: string;

  @Field(() => NoteVisibility, { defaultValue: NoteVisibility.TEAM })
  @IsEnum(NoteVisibility)
  visibility!: NoteVisibility;

  @Field({
    defaultValue: false,
    description: 'Health, disability, justice, addictions, violence: read only by those entitled.',
  })
  @IsBoolean()
  sensitive!: boolean;
}

@InputType({
  description: 'Its author edits a note within 24 hours; the previous version is kept.',
})
export class EditNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'noteId must be an id' })
  noteId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;

  @Field({ description: `At most ${NOTE_MAX_LENGTH} characters.` })
  @NoteBody()
  body!: string;

  @Field(() => NoteVisibility, { nullable: true, description: 'Unchanged when left out.' })
  @IsOptional()
  @IsEnum(NoteVisibility)
  visibility?: NoteVisibility | null;

  @Field(() => Boolean, { nullable: true, description: 'Unchanged when left out.' })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean | null;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;
}
