import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
} from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError } from 'rxjs';
import { currentAccessToken, endSession, renewAfterRefusal } from '../auth/session';

/** Sends the session's access token with every request (none when signed out). */
const authFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  const token = await currentAccessToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

function refusedAuthentication(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

/** UNAUTHENTICATED: refresh the session once and replay; if that fails too, the session ends. */
const renewOnRefusal = new ErrorLink(({ error, operation, forward }) => {
  if (!refusedAuthentication(error)) return;
  if (operation.getContext().renewed) {
    endSession('expired');
    return;
  }
  operation.setContext({ renewed: true });
  return from(renewAfterRefusal()).pipe(
    switchMap((token) => {
      if (!token) return throwError(() => error);
      return forward(operation);
    }),
  );
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([renewOnRefusal, new HttpLink({ uri: '/graphql', fetch: authFetch })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Lists are read page by page through Relay connections, fetched again when needed.
        Query: { fields: { caseload: { keyArgs: ['filter'] } } },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });
}
