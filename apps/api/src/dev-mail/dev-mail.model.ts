import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'An email caught by the development mail catcher of `npm start` (development only).',
})
export class DevSentEmail {
  @Field(() => ID, { description: 'The name of its .eml file.' })
  id!: string;

  @Field(() => Date, { description: 'The Date header, or when it was caught.' })
  date!: Date;

  @Field(() => String)
  from!: string;

  @Field(() => String, { description: 'The To header, as written.' })
  to!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { description: 'The text part; empty when there is none.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'The HTML part, when there is one.' })
  html!: string | null;
}
