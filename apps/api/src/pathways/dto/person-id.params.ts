import { IsUUID } from 'class-validator';

/** `/people/:id/...`: the person's id, as the GraphQL `person(id:)` takes it. */
export class PersonIdParams {
  @IsUUID('all', { message: 'id must be an id' })
  id!: string;
}
