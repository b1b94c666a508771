import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What a client needs to know about the server it talks to.' })
export class ApiInfo {
  @Field({ description: 'The product name, "Relais".' })
  name!: string;

  @Field({ description: 'The server version (semantic versioning).' })
  version!: string;

  @Field(() => GraphQLISODateTime, {
    description: "The server's current time, to detect a client clock that drifts.",
  })
  serverTime!: Date;
}
