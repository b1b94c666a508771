import { performance } from 'node:perf_hooks';
import type { PersonEntity } from '@relais/pathways';
import {
  connectSocket,
  createStructure,
  createTerritory,
  GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { startRelaisBesideChildren } from '../support/app.js';
import {
  type ApiProcess,
  askToJoin,
  type Caseworker,
  caseworkerOf,
  type NotificationNode,
  personFollowedBy,
  latencySummary,
  startApiProcess,
} from './notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-latency-measure-0000';
const RUNS = 100;

/**
 * Event-to-socket latency on this machine, against the built server in its own process: from
 * the mutation's response (and from its request) to the referent's socket receiving the
 * `notification`. Printed, never asserted: timings belong to the machine.
 */
describe('notification latency (printed, not asserted)', () => {
  let relais: TestApp;
  let api: ApiProcess;
  let referent: Caseworker;
  let requester: Caseworker;
  let people: PersonEntity[];
  let socket: Socket;

  beforeAll(async () => {
    relais = await startRelaisBesideChildren(TOKEN_SECRET);
    const territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    people = [];
    for (let i = 0; i < RUNS; i += 1)
      people.push(await personFollowedBy(relais, territory, referent));
    api = await startApiProcess(TOKEN_SECRET);
    socket = await connectSocket(api.baseUrl, { auth: { token: referent.token } });
  });

  afterAll(async () => {
    socket?.close();
    await api?.stop();
    await relais?.close();
  });

  it(`measures ${RUNS} join requests, mutation to socket`, async () => {
    const arrivals = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    socket.on('notification', (notification: NotificationNode) => {
      if (!notification.joinRequestId) return;
      arrivals.set(notification.joinRequestId, performance.now());
      waiting.get(notification.joinRequestId)?.();
    });
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${requester.token}`,
    });
    const fromResponse: number[] = [];
    const fromRequest: number[] = [];
    for (const person of people) {
      const sent = performance.now();
      const joinRequestId = await askToJoin(client, person.id);
      const answered = performance.now();
      if (!arrivals.has(joinRequestId)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no notification in 10 s')), 10_000);
          waiting.set(joinRequestId, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      const arrived = arrivals.get(joinRequestId) as number;
      fromResponse.push(arrived - answered);
      fromRequest.push(arrived - sent);
    }
    const line = latencySummary;
    process.stdout.write(
      [
        `\nnotification latency over ${RUNS} join requests (built server in a child process, one instance, in-memory bus):`,
        `  ${line('mutation response -> socket "notification"', fromResponse)} (negative: the push beat the response)`,
        `  ${line('mutation request  -> socket "notification"', fromRequest)}\n`,
      ].join('\n'),
    );
    expect(fromResponse).toHaveLength(RUNS);
  });
});
