import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphqlWsClient {
  /** One result of a query or mutation sent over the socket. */
  execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: TData | null; errors?: readonly { message: string }[] }>;
  /** The results of a subscription, as they come. */
  subscribe<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): AsyncIterableIterator<{ data?: TData | null; errors?: readonly { message: string }[] }>;
  close(): Promise<void>;
}

/** A partner system's view: GraphQL over WebSocket (graphql-ws protocol) on /graphql. */
export function createGraphqlWsClient(
  baseUrl: string,
  connectionParams?: Record<string, unknown>,
): GraphqlWsClient {
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
  return {
    async execute(query, variables) {
      const iterator = client.iterate({ query, variables });
      try {
        const first = await iterator.next();
        if (first.done) throw new Error('the server completed without a result');
        return first.value as never;
      } catch (error) {
        // graphql-ws rejects with the list of errors when the operation does not validate.
        if (Array.isArray(error)) return { errors: error as { message: string }[] };
        throw error;
      } finally {
        await iterator.return?.();
      }
    },
    subscribe(query, variables) {
      return client.iterate({ query, variables }) as never;
    },
    close: () => client.dispose() as Promise<void>,
  };
}
