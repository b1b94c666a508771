import { GraphqlHttpClient, type TestApp } from '@relais/testing';
import {
  type ApiProcess,
  type Caseworker,
  startApiProcess,
} from '../notifications/notification-support.js';
import { startRelaisBesideChildren } from '../support/app.js';

/**
 * The built server in a child process on this worker's database, as in production, and the app
 * in this process only to build data and sign in with the child's token secret (its dispatcher
 * is stopped: the child dispatches).
 */
export interface ChildServerWorld {
  readonly relais: TestApp;
  readonly api: ApiProcess;
  /** A client of the child server with the caseworker's token. */
  on(who: Caseworker): GraphqlHttpClient;
  close(): Promise<void>;
}

export async function startChildServerWorld(tokenSecret: string): Promise<ChildServerWorld> {
  const relais = await startRelaisBesideChildren(tokenSecret);
  let api: ApiProcess;
  try {
    api = await startApiProcess(tokenSecret);
  } catch (error) {
    await relais.close();
    throw error;
  }
  return {
    relais,
    api,
    on: (who) =>
      new GraphqlHttpClient(`${api.baseUrl}/graphql`, { authorization: `Bearer ${who.token}` }),
    close: async () => {
      await api.stop();
      await relais.close();
    },
  };
}
