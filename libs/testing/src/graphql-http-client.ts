import type { GraphQLFormattedError } from 'graphql';

export interface GraphqlResponse<TData> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: TData | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

/** Talks to the API as a web client or partner system does: POST /graphql with JSON. */
export class GraphqlHttpClient {
  constructor(
    readonly url: string,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  /** A client that sends these headers too (an Authorization header, say). */
  withHeaders(headers: Readonly<Record<string, string>>): GraphqlHttpClient {
    return new GraphqlHttpClient(this.url, { ...this.headers, ...headers });
  }

  async execute<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphqlResponse<TData>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: TData | null;
      errors?: GraphQLFormattedError[];
    };
    return { status: response.status, headers: response.headers, ...body };
  }

  /** The data of a request expected to succeed; throws with the errors otherwise. */
  async data<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<TData> {
    const result = await this.execute<TData>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }
}
