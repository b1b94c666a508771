/** Many socket.io clients, as caseworkers' web clients: authenticated at the handshake. */
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

/** One client: websocket only, no reconnection, resolved once the server accepted it. */
export function connectSocket(baseUrl, token, timeoutMs = 10_000) {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    auth: { token },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/**
 * Connects `plan` (a list of `{ baseUrl, token, label }`) with at most `concurrency` handshakes in
 * flight. Returns the sockets in plan order (null for those refused), the handshake times and the
 * reasons of the failures, counted.
 */
export async function connectMany(plan, concurrency = 50) {
  const sockets = new Array(plan.length).fill(null);
  const handshakeMs = [];
  const failures = new Map();
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const index = next;
      next += 1;
      const started = performance.now();
      try {
        const socket = await connectSocket(plan[index].baseUrl, plan[index].token);
        handshakeMs.push(performance.now() - started);
        sockets[index] = socket;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.length) }, worker));
  return {
    sockets,
    connected: sockets.filter(Boolean).length,
    seconds: (performance.now() - started) / 1000,
    handshakeMs,
    failures: Object.fromEntries(failures),
  };
}

/** How many of the sockets are still connected. */
export const stillConnected = (sockets) => sockets.filter((socket) => socket?.connected).length;

export function closeAll(sockets) {
  for (const socket of sockets) socket?.close();
}

/** The gateway's authenticated `ping` on each socket, acknowledged: round trips, and timeouts. */
export async function pingAll(sockets, concurrency = 100, timeoutMs = 5_000) {
  const live = sockets.filter(Boolean);
  const roundTripMs = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < live.length) {
      const socket = live[next];
      next += 1;
      const started = performance.now();
      try {
        const answer = await socket.timeout(timeoutMs).emitWithAck('ping');
        if (answer && typeof answer.serverTime === 'string') {
          roundTripMs.push(performance.now() - started);
        } else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, live.length) }, worker));
  return { roundTripMs, failed };
}
