import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import type { GraphQLError } from 'graphql';
import {
  formatGraphqlError,
  formatGraphqlErrors,
  formatGraphqlRequestErrors,
} from './graphql-error.mapper.js';

export const GRAPHQL_PATH = '/graphql';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        path: GRAPHQL_PATH,
        // Built in memory at boot; `npm run schema:generate` writes the committed schema.gql.
        autoSchemaFile: true,
        sortSchema: true,
        introspection: config.nodeEnv !== 'production',
        playground: false,
        includeStacktraceInErrorResponses: false,
        formatError: formatGraphqlError,
        subscriptions: {
          'graphql-ws': {
            path: GRAPHQL_PATH,
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
      }),
    }),
  ],
})
export class ApiGraphqlModule {}
