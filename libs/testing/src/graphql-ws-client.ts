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
  /** Resolves with the close code and reason when the server closes the connection. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** A partner system's view: GraphQL over WebSocket (graphql-ws protocol) on /graphql. */
export function createGraphqlWsClient(
  baseUrl: string,
  connectionParams?: Record<string, unknown>,
  options: { readonly lazy?: boolean } = {},
): GraphqlWsClient {
  let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    onClosed = resolve;
  });
  const client: Client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    // Not lazy: the connection opens at once and stays open, as a partner's would.
    lazy: options.lazy ?? true,
    // The tests read a non-lazy client's close through `closed`; graphql-ws would also print it.
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
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
    closed,
    close: () => client.dispose() as Promise<void>,
  };
}
