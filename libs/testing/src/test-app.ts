import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AccessTokenService,
  type ApiClientEntity,
  type IssuedTokens,
  SessionService,
} from '@relais/identity';
import { DataSource } from 'typeorm';
import { GraphqlHttpClient } from './graphql-http-client.js';
import { trackCloser } from './process-registry.js';
import { httpRequestScope } from './statement-counter.js';

export interface TestApp {
  readonly app: INestApplication;
  readonly dataSource: DataSource;
  /** Opens a session for the account, as a sign-in would, and gives its tokens. */
  signIn(accountId: string): Promise<IssuedTokens>;
  /** A GraphQL client that sends the account's access token. */
  graphqlAs(accountId: string): Promise<GraphqlHttpClient>;
  /** A GraphQL client that sends a partner client's token, with all of its scopes. */
  graphqlAsClient(client: ApiClientEntity): Promise<GraphqlHttpClient>;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly graphql: GraphqlHttpClient;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The application's root module. */
  readonly module: Type;
  /** What main.ts applies to the application, so tests run the same app. */
  readonly configure: (app: INestApplication) => INestApplication;
}

/** Boots the whole application in this process on a random loopback port. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({ imports: [options.module] }).compile();
  const nest = moduleRef.createNestApplication({ bufferLogs: true });
  // Before anything else: statement counts attribute queries to the requests that sent them.
  nest.use((_request: unknown, _response: unknown, next: () => void) =>
    httpRequestScope.run(true, next),
  );
  const app = options.configure(nest);
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const graphql = new GraphqlHttpClient(`${baseUrl}/graphql`);
  const signIn = (accountId: string) => app.get(SessionService).start(accountId, ['test']);
  // An app the file does not close (a hook that timed out) would keep its dispatcher, jobs and
  // connections on the worker's database into the next file: the registry closes it.
  const untrack = trackCloser(`the app at ${baseUrl} (startTestApp)`, () => app.close());
  return {
    app,
    dataSource: app.get(DataSource),
    baseUrl,
    graphql,
    signIn,
    graphqlAs: async (accountId) =>
      graphql.withHeaders({ authorization: `Bearer ${(await signIn(accountId)).accessToken}` }),
    graphqlAsClient: async (client) => {
      const token = await app
        .get(AccessTokenService)
        .issueForClient(client.id, client.scopes, client.secretRotatedAt.getTime());
      return graphql.withHeaders({ authorization: `Bearer ${token}` });
    },
    close: async () => {
      untrack();
      await app.close();
    },
  };
}
