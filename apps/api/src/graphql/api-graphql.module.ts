import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import type { GraphQLError } from 'graphql';
import {
  formatGraphqlError,
  formatGraphqlErrors,
  formatGraphqlRequestErrors,
} from './graphql-error.mapper.js';
import {
  GRAPHQL_LIMIT_RULES,
  GRAPHQL_PARSE_OPTIONS,
  graphqlValidationRules,
  prepareWebSocketOperation,
} from './graphql-limits.js';
import { GraphqlWsConnections, GraphqlWsConnectionsModule } from './graphql-ws-connections.js';
import { IdempotencyModule } from './idempotency.module.js';
import { IdempotencyPlugin } from './idempotency.plugin.js';
import { ApiMetrics } from '../observability/api-metrics.js';
import { ApiMetricsModule } from '../observability/observability.module.js';

export const GRAPHQL_PATH = '/graphql';

interface GraphqlTransportContext {
  readonly req?: unknown;
  readonly res?: unknown;
  readonly connectionParams?: Readonly<Record<string, unknown>>;
}

function authorizationOf(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const value = params?.authorization;
  return typeof value === 'string' ? value : undefined;
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphqlWsConnectionsModule, IdempotencyModule, ApiMetricsModule],
      inject: [APP_CONFIG, GraphQLSchemaHost, GraphqlWsConnections, IdempotencyPlugin, ApiMetrics],
      useFactory: (
        config: AppConfig,
        schemaHost: GraphQLSchemaHost,
        connections: GraphqlWsConnections,
        idempotency: IdempotencyPlugin,
        metrics: ApiMetrics,
      ) => {
        const introspection = config.nodeEnv !== 'production';
        const webSocketRules = graphqlValidationRules({ introspection });
        return {
          path: GRAPHQL_PATH,
          // Built in memory at boot; `npm run schema:generate` writes the committed schema.gql.
          autoSchemaFile: true,
          sortSchema: true,
          introspection,
          playground: false,
          includeStacktraceInErrorResponses: false,
          formatError: formatGraphqlError,
          // Idempotency-Key on mutations over HTTP (Stripe's model). Apollo's cache-control
          // plugin is off: Relais sends no cache hints, and it wrapped every field's resolver.
          plugins: [idempotency, ApolloServerPluginCacheControlDisabled(), metrics.graphqlPlugin()],
          // The limits of graphql-limits.ts; Apollo adds graphql-js's own rules and, when
          // introspection is off, its rule refusing it.
          parseOptions: GRAPHQL_PARSE_OPTIONS,
          validationRules: [...GRAPHQL_LIMIT_RULES],
          hideSchemaDetailsFromClientErrors: true,
          // The AuthGuard also runs on field resolvers: the parts of a person's file.
          fieldResolverEnhancers: ['guards'],
          // Apollo's defaults, pinned: one operation per request, and no query a browser could
          // send cross-site without a preflight (GET or a form's content type, no custom header).
          allowBatchedHttpRequests: false,
          csrfPrevention: true,
          // HTTP: the request itself. WebSocket: a request-like object carrying the
          // connection's Authorization, so the AuthGuard checks every operation the same way.
          context: (transport: GraphqlTransportContext) =>
            transport.req
              ? { req: transport.req, res: transport.res }
              : {
                  req: { headers: { authorization: authorizationOf(transport.connectionParams) } },
                },
          subscriptions: {
            'graphql-ws': {
              path: GRAPHQL_PATH,
              onConnect: (ctx) => connections.onConnect(ctx as never),
              onClose: (ctx) => connections.onClose(ctx as never),
              // Apollo's parse options and validation rules do not apply to this transport.
              onSubscribe: (ctx, _id, payload) =>
                connections.refuseBeyondLimit(ctx as never) ??
                prepareWebSocketOperation(schemaHost.schema, payload, webSocketRules),
              // Apollo's formatError does not apply to WebSocket results: shape them the same way.
              onNext: (_ctx, _id, _payload, _args, result) =>
                result.errors ? { ...result, errors: formatGraphqlErrors(result.errors) } : result,
              onError: (
                _ctx: unknown,
                _id: string,
                _payload: unknown,
                errors: readonly GraphQLError[],
              ) => formatGraphqlRequestErrors(errors),
            },
          },
        };
      },
    }),
  ],
})
export class ApiGraphqlModule {}
