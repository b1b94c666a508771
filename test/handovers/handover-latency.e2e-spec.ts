import { performance } from 'node:perf_hooks';
import { Role } from '@relais/identity';
import type { StructureEntity } from '@relais/organizations';
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
  type Caseworker,
  caseworkerOf,
  type NotificationNode,
  personFollowedBy,
  latencySummary,
  startApiProcess,
} from '../notifications/notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-handover-latency-0000';
const RUNS = 100;
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;

/**
 * Event-to-socket latency of handovers on this machine, against the built server in its own
 * process: from the proposeHandover response (and from its request) to the target structure
 * admin's socket receiving the `notification` for that handover. Printed, never asserted:
 * timings belong to the machine.
 */
describe('handover notification latency (printed, not asserted)', () => {
  let relais: TestApp;
  let api: ApiProcess;
  let referent: Caseworker;
  let target: StructureEntity;
  let people: PersonEntity[];
  let socket: Socket;

  beforeAll(async () => {
    // Only the server in the child process dispatches: its pushes are the ones measured.
    relais = await startRelaisBesideChildren(TOKEN_SECRET);
    const territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    target = await createStructure(relais.dataSource, territory);
    const admin = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    people = [];
    for (let i = 0; i < RUNS; i += 1)
      people.push(await personFollowedBy(relais, territory, referent));
    api = await startApiProcess(TOKEN_SECRET);
    socket = await connectSocket(api.baseUrl, { auth: { token: admin.token } });
  });

  afterAll(async () => {
    socket?.close();
    await api?.stop();
    await relais?.close();
  });

  it(`measures ${RUNS} handovers, proposal to the target admin's socket`, async () => {
    const arrivals = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    socket.on('notification', (notification: NotificationNode) => {
      if (notification.type !== 'handover.proposed' || !notification.handoverId) return;
      arrivals.set(notification.handoverId, performance.now());
      waiting.get(notification.handoverId)?.();
    });
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${referent.token}`,
    });
    const fromResponse: number[] = [];
    const fromRequest: number[] = [];
    for (const person of people) {
      const sent = performance.now();
      const { proposeHandover } = await client.data<{ proposeHandover: { id: string } }>(PROPOSE, {
        input: {
          personId: person.id,
          toStructureId: target.id,
          reason: 'Accompagnement vers l’emploi par la structure cible.',
          personInformed: true,
        },
      });
      const answered = performance.now();
      const handoverId = proposeHandover.id;
      if (!arrivals.has(handoverId)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no notification in 10 s')), 10_000);
          waiting.set(handoverId, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      waiting.delete(handoverId);
      const arrived = arrivals.get(handoverId) as number;
      fromResponse.push(arrived - answered);
      fromRequest.push(arrived - sent);
    }
    const line = latencySummary;
    process.stdout.write(
      [
        `\nhandover notification latency over ${RUNS} handovers (built server in a child process, one instance, in-memory bus):`,
        `  ${line('proposeHandover response -> admin socket "notification"', fromResponse)} (negative: the push beat the response)`,
        `  ${line('proposeHandover request  -> admin socket "notification"', fromRequest)}\n`,
      ].join('\n'),
    );
    expect(fromResponse).toHaveLength(RUNS);
  });
});
