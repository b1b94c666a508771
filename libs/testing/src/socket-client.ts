import { io, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client';

/**
 * A caseworker's web client view: a socket.io connection to the API, resolved once connected,
 * rejected with the server's reason when the connection is refused.
 */
export async function connectSocket(
  baseUrl: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Socket> {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
    ...options,
  });
  await new Promise<void>((resolveConnected, reject) => {
    socket.once('connect', () => resolveConnected());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}
