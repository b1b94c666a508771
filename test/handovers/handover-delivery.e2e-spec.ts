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
  eventually,
  type NotificationNode,
  personFollowedBy,
  record,
  startApiProcess,
} from '../notifications/notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-handover-latency-0000';
const RUNS = 20;
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;

/**
 * The built server in its own process pushes every proposal to the target structure admin's
 * socket, once and in order. How fast is measured in bench/ (`npm run bench`, the realtime
 * `handover` and `notify-latency` scenarios), not here.
 */
describe("the built server pushes each handover proposal to the target admin's socket, once", () => {
  let relais: TestApp;
  let api: ApiProcess;
  let referent: Caseworker;
  let target: StructureEntity;
  let people: PersonEntity[];
  let socket: Socket;

  beforeAll(async () => {
    // Only the server in the child process dispatches: its pushes are the ones received.
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

  it(`${RUNS} proposals in a row: ${RUNS} pushes, none lost or doubled`, async () => {
    const pushes = record<NotificationNode>(socket, 'notification');
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${referent.token}`,
    });
    const sent: string[] = [];
    for (const person of people) {
      const { proposeHandover } = await client.data<{ proposeHandover: { id: string } }>(PROPOSE, {
        input: {
          personId: person.id,
          toStructureId: target.id,
          reason: 'Accompagnement vers l’emploi par la structure cible.',
          personInformed: true,
        },
      });
      sent.push(proposeHandover.id);
    }
    const proposals = () =>
      pushes.filter((push) => push.type === 'handover.proposed').map((push) => push.handoverId);
    // Pushed in the order of the commits: the last one's arrival says every earlier one came.
    const last = sent[sent.length - 1];
    await eventually(
      () => Promise.resolve(proposals()),
      (ids) => ids.includes(last),
    );
    expect(proposals()).toEqual(sent);
  });
});
