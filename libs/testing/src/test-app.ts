import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { GraphqlHttpClient } from './graphql-http-client.js';

export interface TestApp {
  readonly app: INestApplication;
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
  const app = options.configure(moduleRef.createNestApplication({ bufferLogs: true }));
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    baseUrl,
    graphql: new GraphqlHttpClient(`${baseUrl}/graphql`),
    close: () => app.close(),
  };
}
