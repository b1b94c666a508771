import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { graphql, type ResultOf } from '../api/graphql';
import { useNotificationListener, useRealtime } from '../realtime/RealtimeProvider';

const ITEM = graphql(`
  fragment WorkItemFields on WorkItem @_unmask {
    id
    redacted
    at
    on
    label
    structureName
    actorName
    person {
      id
      givenName
      familyName
      birthYear
      isMember
    }
  }
`);

/** What waits on the signed-in account: the home's sections and the navigation's counts. */
export const MY_WORK = graphql(
  `
    query MyWork {
      myWork {
        incomingHandovers {
          count
          items {
            ...WorkItemFields
          }
        }
        unassignedPeople {
          count
          items {
            ...WorkItemFields
          }
        }
        joinRequests {
          count
          items {
            ...WorkItemFields
          }
        }
        orientationRequests {
          count
          items {
            ...WorkItemFields
          }
        }
        overdueActions {
          count
          items {
            ...WorkItemFields
          }
        }
        endingContracts {
          count
          items {
            ...WorkItemFields
          }
        }
        appointments {
          count
          items {
            ...WorkItemFields
          }
        }
        rightsRequests {
          count
          items {
            ...WorkItemFields
          }
        }
        unreadNotificationCount
      }
    }
  `,
  [ITEM],
);

export type MyWork = ResultOf<typeof MY_WORK>['myWork'];
export type WorkSectionName = Exclude<keyof MyWork, 'unreadNotificationCount'>;
export type WorkSection = NonNullable<MyWork[WorkSectionName]>;
export type WorkItem = ResultOf<typeof ITEM>;

/** The home's sections read from the cache the navigation keeps live (see useMyWork). */
export function useMyWorkOnScreen() {
  return useQuery(MY_WORK, { errorPolicy: 'all', fetchPolicy: 'cache-first' });
}

/**
 * The work queue, kept live: fetched again on every notification pushed to this account (the
 * bell's pushes), when the live channel comes back after a break, and when the person moves to
 * another screen (what they just decided there leaves the counts).
 */
export function useMyWork() {
  const result = useQuery(MY_WORK, { errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const { refetch } = result;
  const { connected } = useRealtime();
  const { pathname } = useLocation();
  const seen = useRef({ connected, pathname, everConnected: connected });

  useNotificationListener(() => void refetch());
  useEffect(() => {
    const before = seen.current;
    seen.current = { connected, pathname, everConnected: before.everConnected || connected };
    const back = connected && !before.connected && before.everConnected;
    if (back || pathname !== before.pathname) void refetch();
  }, [connected, pathname, refetch]);
  return result;
}
