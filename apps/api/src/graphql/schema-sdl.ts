import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** The schema as committed in schema.gql: sorted, so its diff shows only real changes. */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
