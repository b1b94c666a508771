import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  type GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  type ParseOptions,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';

/**
 * The limits every GraphQL operation meets, over HTTP and WebSocket alike. Why these numbers:
 * docs/decisions/0004-graphql-limits.md. Change them there first.
 */
export const GRAPHQL_LIMITS = {
  /** Levels of fields; fragments count as the fields they hold, not as a level. */
  maxDepth: 10,
  /** graphql-armor's cost: 1 a scalar, 2 an object, ×1.5 a level, × a literal `first`/`last`. */
  maxCost: 50_000,
  maxAliases: 15,
  maxDirectives: 10,
  /** Lexical tokens in the document; the parser stops at the first one over. */
  maxTokens: 2_000,
} as const;

/** Given to graphql-js's parser on both transports. */
export const GRAPHQL_PARSE_OPTIONS: ParseOptions = { maxTokens: GRAPHQL_LIMITS.maxTokens };

const armor = new ApolloArmor({
  maxDepth: { n: GRAPHQL_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: true },
  costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, flattenFragments: true, ignoreIntrospection: true },
  maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
  maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
  // graphql-js counts tokens while it parses (GRAPHQL_PARSE_OPTIONS), on both transports, where
  // armor's Apollo plugin would parse every document a second time.
  maxTokens: { enabled: false },
  // Apollo's hideSchemaDetailsFromClientErrors and the error mapper remove suggestions from
  // every error of both transports; armor's Apollo plugin misses some ("Did you mean the enum
  // value ...?").
  blockFieldSuggestion: { enabled: false },
});

/**
 * graphql-armor's depth, cost, alias and directive rules. Each reports a validation error
 * naming the limit and what it found, and lets validation go on.
 */
export const GRAPHQL_LIMIT_RULES: readonly ValidationRule[] = armor.protect().validationRules;

/** Everything an operation is validated with: graphql-js's rules, the limits, introspection. */
export function graphqlValidationRules(options: { introspection: boolean }): ValidationRule[] {
  return [
    ...specifiedRules,
    ...GRAPHQL_LIMIT_RULES,
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
}

/**
 * graphql-ws's `onSubscribe`: Apollo's parse options and validation rules do not reach the
 * WebSocket transport, so each operation received there is parsed and validated here with the
 * same limits. Returns the errors to send back, or the operation to execute.
 */
export function prepareWebSocketOperation(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  rules: readonly ValidationRule[],
): ExecutionArgs | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, GRAPHQL_PARSE_OPTIONS);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // Said as Apollo says it over HTTP, rather than closing the socket as graphql-ws would.
    return [
      new GraphQLError(error.message, {
        source: error.source,
        positions: error.positions,
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ];
  }
  const errors = validate(schema, document, rules);
  if (errors.length > 0) return [...errors];
  return {
    schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
  };
}
