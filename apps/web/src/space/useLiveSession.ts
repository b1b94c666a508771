import { useEffect } from 'react';
import { io } from 'socket.io-client';
import { currentAccessToken, renewAfterRefusal } from '../auth/session';

/**
 * The person's live connection (issue 22): nothing is pushed to a person, but the server closes
 * the connection the moment their space is revoked or their session ends, and this tab then asks
 * for a new token, which is refused: the session ends at once, not at the next click.
 */
export function useLiveSession(): void {
  useEffect(() => {
    const socket = io({
      transports: ['websocket'],
      auth: (callback) => {
        void currentAccessToken().then((token) => callback({ token }));
      },
    });
    const renew = () => {
      void renewAfterRefusal().then((token) => {
        if (token) socket.connect();
      });
    };
    socket.on('disconnect', (reason) => {
      // Closed by the server (revoked, or the access token expired): a refused renewal ends
      // the session in every tab; a granted one reconnects.
      if (reason === 'io server disconnect') renew();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'UNAUTHENTICATED') renew();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);
}
