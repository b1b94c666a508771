import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
} from 'react';
import { io, type Socket } from 'socket.io-client';
import { graphql } from '../api/graphql';
import { currentAccessToken, renewAfterRefusal } from '../auth/session';

/** A notification as the server pushes it (shaped as GraphQL's Notification). */
export interface LiveNotification {
  readonly id: string;
  readonly type: string;
  readonly createdAt: string;
  readonly handoverId?: string | null;
  readonly joinRequestId?: string | null;
  readonly orientationRequestId?: string | null;
  readonly person?: { readonly id: string } | null;
}

type NotificationListener = (notification: LiveNotification) => void;

interface RealtimeValue {
  /** Undefined until the server has said it: nothing is shown rather than a false zero. */
  readonly unreadCount: number | undefined;
  readonly connected: boolean;
  /** Called for each notification pushed to this account while the page is open. */
  readonly onNotification: (listener: NotificationListener) => () => void;
}

const RealtimeContext = createContext<RealtimeValue | undefined>(undefined);

const UNREAD_COUNT = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** Lists that a pushed notification may have changed: fetched again when one arrives. */
const REFRESHED_BY_NOTIFICATIONS = [
  'Handovers',
  'Handover',
  'Notifications',
  'Caseload',
  'JoinRequestsToDecide',
  'OrientationRequestsToDecide',
];

export function useRealtime(): RealtimeValue {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime outside RealtimeProvider');
  return value;
}

/** Runs `listener` for every live notification while the component is shown. */
export function useNotificationListener(listener: NotificationListener): void {
  const { onNotification } = useRealtime();
  const onEvent = useEffectEvent(listener);
  useEffect(() => onNotification((notification) => onEvent(notification)), [onNotification]);
}

/**
 * The live channel (socket.io on the API's port): the unread count and pushed notifications.
 * When the server closes it (a membership revoked, the account disabled), every query on screen
 * is fetched again at once, so a page whose access was withdrawn says so without a reload;
 * then the channel reconnects, authenticated afresh. When the server ends it because its
 * access token expired (`session-expired`), it reconnects with a fresh token and catches up.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data } = useQuery(UNREAD_COUNT, { fetchPolicy: 'network-only' });
  const [connected, setConnected] = useState(false);
  const [listeners] = useState(() => new Set<NotificationListener>());
  const [onNotification] = useState(() => (listener: NotificationListener) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  });

  useEffect(() => {
    const socket: Socket = io({
      transports: ['websocket'],
      auth: (callback) => {
        void currentAccessToken().then((token) => callback({ token }));
      },
    });
    let connectedBefore = false;
    let expired = false;
    socket.on('connect', () => {
      setConnected(true);
      // Back after a break: whatever arrived while away, the count and the lists it changed.
      // (The first connection follows the count's own query, which has just asked.)
      if (connectedBefore) {
        void client.refetchQueries({
          include: ['UnreadNotificationCount', ...REFRESHED_BY_NOTIFICATIONS],
        });
      }
      connectedBefore = true;
    });
    // The access token the socket was opened with expired: the server closes it, and it comes
    // back at once with a fresh token, without the person noticing.
    socket.on('session-expired', () => {
      expired = true;
    });
    socket.on('disconnect', (reason) => {
      setConnected(false);
      if (expired) {
        expired = false;
        void renewAfterRefusal().then((token) => {
          if (token) socket.connect();
        });
        return;
      }
      if (reason === 'io server disconnect') {
        // The server closed it: access changed. What is on screen is checked again now.
        void client.refetchQueries({ include: 'active' });
        socket.connect();
      }
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'UNAUTHENTICATED') {
        void renewAfterRefusal().then((token) => {
          if (token) socket.connect();
        });
      }
    });
    socket.on('unread-count', ({ count }: { count: number }) => {
      client.writeQuery({ query: UNREAD_COUNT, data: { unreadNotificationCount: count } });
    });
    socket.on('notification', (notification: LiveNotification) => {
      for (const listener of listeners) listener(notification);
      void client.refetchQueries({ include: REFRESHED_BY_NOTIFICATIONS });
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [client, listeners]);

  // Pushed counts are written into the cache, so this is the latest the server said.
  const unreadCount = data?.unreadNotificationCount;

  return (
    <RealtimeContext.Provider value={{ unreadCount, connected, onNotification }}>
      {children}
    </RealtimeContext.Provider>
  );
}
