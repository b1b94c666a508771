import {
  buildSchema,
  getIntrospectionQuery,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import {
  GRAPHQL_LIMIT_RULES,
  GRAPHQL_LIMITS,
  GRAPHQL_PARSE_OPTIONS,
  graphqlValidationRules,
  prepareWebSocketOperation,
} from './graphql-limits.js';

// The screens to come, as ADR 0004 sketches them: Relay connections for the lists a caseworker
// pages through, plain lists for a person's bounded parts. Replace them by the real documents
// when the screens are written; the limits must still let them through.
const SCREENS = {
  caseload: `query Caseload($after: String) {
    caseload(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id firstName lastName birthDate status updatedAt
        team { id role since
          account { id displayName email }
          structure { id name kind } }
        plan { id status updatedAt goals { id title status
          actions { id title status dueOn owner { id displayName } } } }
      } }
    }
  }`,
  pathwayFile: `query PathwayFile($id: ID!) {
    person(id: $id) {
      id firstName lastName birthDate nir status address { line city postcode }
      team { id role since account { id displayName email phone }
        structure { id name kind territory { id name } } }
      obstacles { id kind sensitive note updatedAt }
      plan { id status updatedAt goals { id title status
        actions { id title status dueOn owner { id displayName structure { id name } } } } }
      timeline(last: 20) { pageInfo { hasPreviousPage startCursor } edges { cursor node {
        id kind occurredAt summary actor { id displayName structure { id name } } } } }
    }
  }`,
  notifications: `query Notifications($after: String) {
    notifications(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind createdAt readAt
        person { id firstName lastName }
        handover { id status reason createdAt from { id name } to { id name }
          requestedBy { id displayName } } } }
    }
  }`,
  notificationFeed: `subscription NotificationFeed {
    notificationReceived { id kind createdAt person { id firstName lastName }
      handover { id status from { id name } to { id name } } }
  }`,
};

// The limit rules look at the document only, so any schema will do.
const anySchema = buildSchema('type Query { apiInfo: String }');

function limitErrors(query: string): string[] {
  return validate(anySchema, parse(query), GRAPHQL_LIMIT_RULES).map((error) => error.message);
}

/** `{ a { a { ... x } } }`, `levels` deep. */
function nested(levels: number): string {
  return `{ ${'a { '.repeat(levels - 1)}x${' }'.repeat(levels - 1)} }`;
}

describe('GraphQL limits', () => {
  it.each(Object.entries(SCREENS))('let the %s screen through', (_name, query) => {
    expect(limitErrors(query)).toEqual([]);
  });

  it('let the introspection query of developer tools through', () => {
    expect(limitErrors(getIntrospectionQuery({ descriptions: true }))).toEqual([]);
  });

  it('refuse a level deeper than the limit, fragments counting as their fields', () => {
    expect(limitErrors(nested(GRAPHQL_LIMITS.maxDepth))).toEqual([]);
    expect(limitErrors(nested(GRAPHQL_LIMITS.maxDepth + 1))).toEqual([
      `Syntax Error: Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found ${GRAPHQL_LIMITS.maxDepth + 1}.`,
    ]);
    expect(limitErrors('{ a { ...F } } fragment F on Query { b { c } }')).toEqual([]);
  });

  it('refuse a page of pages: 100 people with 20 events each', () => {
    const [message] = limitErrors(
      '{ caseload(first: 100) { edges { node { id timeline(first: 20) { edges { node { id } } } } } } }',
    );
    expect(message).toMatch(
      new RegExp(
        `^Syntax Error: Query Cost limit of ${GRAPHQL_LIMITS.maxCost} exceeded, found \\d+`,
      ),
    );
  });

  it('refuse more aliases or directives than allowed', () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `a${i}: apiInfo`).join(' ')} }`;
    expect(limitErrors(aliases(GRAPHQL_LIMITS.maxAliases))).toEqual([]);
    expect(limitErrors(aliases(GRAPHQL_LIMITS.maxAliases + 1))).toEqual([
      `Syntax Error: Aliases limit of ${GRAPHQL_LIMITS.maxAliases} exceeded, found ${GRAPHQL_LIMITS.maxAliases + 1}.`,
    ]);

    const directives = `{ ${'apiInfo @skip(if: false) '.repeat(GRAPHQL_LIMITS.maxDirectives + 1)}}`;
    expect(limitErrors(directives)).toEqual([
      `Syntax Error: Directives limit of ${GRAPHQL_LIMITS.maxDirectives} exceeded, found ${GRAPHQL_LIMITS.maxDirectives + 1}.`,
    ]);
  });

  it('stop parsing past the token limit', () => {
    // `{`, `}` and one name a field.
    const fields = (count: number) => `{ ${'apiInfo '.repeat(count)}}`;
    expect(() => parse(fields(GRAPHQL_LIMITS.maxTokens - 2), GRAPHQL_PARSE_OPTIONS)).not.toThrow();
    expect(() => parse(fields(GRAPHQL_LIMITS.maxTokens - 1), GRAPHQL_PARSE_OPTIONS)).toThrow(
      `Document contains more that ${GRAPHQL_LIMITS.maxTokens} tokens`,
    );
  });

  it('validate with graphql-js rules and the limits, and refuse introspection when it is off', () => {
    const open = graphqlValidationRules({ introspection: true });
    expect(open).toEqual([...specifiedRules, ...GRAPHQL_LIMIT_RULES]);
    expect(graphqlValidationRules({ introspection: false })).toEqual([
      ...open,
      NoSchemaIntrospectionCustomRule,
    ]);
  });
});

describe('prepareWebSocketOperation', () => {
  const schema = buildSchema('type Query { apiInfo: String }');
  const rules = graphqlValidationRules({ introspection: false });

  it('gives the operation to execute when it is valid', () => {
    const prepared = prepareWebSocketOperation(
      schema,
      { query: 'query Info { apiInfo }', operationName: 'Info', variables: { a: 1 } },
      rules,
    );
    expect(prepared).toMatchObject({
      schema,
      operationName: 'Info',
      variableValues: { a: 1 },
      document: { kind: 'Document' },
    });
    expect(prepared).not.toHaveProperty('contextValue');
  });

  it('gives a parse failure as an error with its code and place, past the token limit too', () => {
    const [unfinished] = prepareWebSocketOperation(schema, { query: '{ apiInfo ' }, rules) as [
      GraphQLError,
    ];
    expect(unfinished).toBeInstanceOf(GraphQLError);
    expect(unfinished.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(unfinished.locations).toEqual([{ line: 1, column: 11 }]);

    const long = `{ ${'apiInfo '.repeat(GRAPHQL_LIMITS.maxTokens)}}`;
    const [tooLong] = prepareWebSocketOperation(schema, { query: long }, rules) as [GraphQLError];
    expect(tooLong.message).toContain(`more that ${GRAPHQL_LIMITS.maxTokens} tokens`);
  });

  it('gives the validation errors: schema, limits and introspection', () => {
    const errors = prepareWebSocketOperation(
      schema,
      {
        query: `{ unknown ${nested(GRAPHQL_LIMITS.maxDepth + 1).slice(1, -1)} __schema { queryType { name } } }`,
      },
      rules,
    ) as GraphQLError[];
    expect(errors.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Cannot query field "unknown"'),
        expect.stringContaining('Query depth limit'),
        expect.stringContaining('introspection has been disabled'),
      ]),
    );
  });
});
