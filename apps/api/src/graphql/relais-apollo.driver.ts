import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import {
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  GraphQLObjectType,
  type GraphQLSchema,
  lexicographicSortSchema,
} from 'graphql';

/** A resolver as @nestjs/graphql's explorer groups them: a function, or a subscription's pair. */
type ExploredResolver =
  | GraphQLFieldResolver<unknown, unknown>
  | Pick<GraphQLFieldConfig<unknown, unknown>, 'resolve' | 'subscribe'>;

/** The parts of @nestjs/graphql's GraphQLFactory (private there) that build the schema. */
interface SchemaParts {
  readonly resolversExplorerService: {
    explore(): Record<string, Record<string, ExploredResolver>>;
    getAllCtors(): unknown[];
  };
  readonly gqlSchemaBuilder: {
    build(
      autoSchemaFile: ApolloDriverConfig['autoSchemaFile'],
      options: ApolloDriverConfig,
      resolvers: unknown[],
    ): Promise<GraphQLSchema>;
  };
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** As makeExecutableSchema takes them: a function bound to its type's resolvers, or the pair. */
function resolverParts(
  resolver: ExploredResolver,
  typeResolvers: Record<string, ExploredResolver>,
): {
  resolve?: GraphQLFieldResolver<unknown, unknown>;
  subscribe?: GraphQLFieldResolver<unknown, unknown>;
} {
  return typeof resolver === 'function' ? { resolve: resolver.bind(typeResolvers) } : resolver;
}

/**
 * Apollo's driver, with the code-first schema's resolvers put on it directly. @nestjs/graphql
 * builds the schema from the decorators, then prints it, parses the text back, builds a second
 * schema from it with the resolvers (makeExecutableSchema), and copies each field's resolver
 * from that second schema onto the first: a third of the schema's build, at every boot of the
 * API (each test file and child server), for resolvers it already held (measured in the test
 * app's boot: 434 ms of CPU -> 286 ms, docs/decisions/0021). Here the same copy is made from the
 * resolvers themselves, with the same rules: the root types' fields take `resolve` and
 * `subscribe`, the other object types' fields `resolve` (a function bound to its type's
 * resolvers, as makeExecutableSchema binds it), and an object type's field inherits its
 * interface's resolver unless it has one of its own; then the schema is sorted as `sortSchema`
 * asks. Checked against @nestjs/graphql's own build: the same printed schema, and on each field
 * of each object type the same `resolve`, `subscribe` and extensions.
 */
@Injectable()
export class RelaisApolloDriver extends ApolloDriver {
  override async generateSchema(options: ApolloDriverConfig): Promise<GraphQLSchema | null> {
    if (options.autoSchemaFile !== true || options.transformSchema || options.schema) {
      return super.generateSchema(options);
    }
    const parts = this.graphQlFactory as unknown as SchemaParts;
    const explorer = parts.resolversExplorerService;
    const resolvers = explorer.explore();
    const schema = await parts.gqlSchemaBuilder.build(true, options, explorer.getAllCtors());
    const resolverOf = (typeName: string, field: string) => {
      const typeResolvers = resolvers[typeName];
      const resolver = typeResolvers?.[field];
      return resolver ? resolverParts(resolver, typeResolvers) : undefined;
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
      const fields = type.getFields();
      if (ROOT_TYPES.has(type.name)) {
        for (const [name, field] of Object.entries(fields)) {
          const own = resolverOf(type.name, name);
          if (!own) continue;
          field.resolve = own.resolve;
          field.subscribe = own.subscribe;
        }
        continue;
      }
      for (const contract of type.getInterfaces()) {
        for (const name of Object.keys(contract.getFields())) {
          const inherited = resolverOf(contract.name, name)?.resolve;
          if (inherited && fields[name]) fields[name].resolve = inherited;
        }
      }
      for (const [name, field] of Object.entries(fields)) {
        const own = resolverOf(type.name, name)?.resolve;
        if (own) field.resolve = own;
      }
    }
    return options.sortSchema ? lexicographicSortSchema(schema) : schema;
  }
}
