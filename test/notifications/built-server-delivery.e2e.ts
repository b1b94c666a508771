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
import { startRelaisBesideChildren, startFromEmptyTables } from '../support/app.js';
import {
  type ApiProcess,
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  type NotificationNode,
  personFollowedBy,
  record,
  startApiProcess,
} from './notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-latency-measure-0000';
const RUNS = 20;
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;

/**
 * The built server in its own process pushes every join request to the referent's socket and
 * every handover proposal to the target structure admin's socket, once and in order (one app in
 * process and one built server for both; the handover case was handover-delivery.e2e-spec.ts).
 * How fast is measured in bench/ (`npm run bench`, the realtime `handover` and `notify-latency`
 * scenarios), not here.
 */
describe('the built server pushes each notification to its recipient, once, in order', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let api: ApiProcess;
  let referent: Caseworker;
  let requester: Caseworker;
  let admin: Caseworker;
  let target: StructureEntity;
  let joinable: PersonEntity[];
  let handedOver: PersonEntity[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Only the server in the child process dispatches: its pushes are the ones received.
    relais = await startRelaisBesideChildren(TOKEN_SECRET);
    const territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    target = await createStructure(relais.dataSource, territory);
    admin = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    joinable = [];
    handedOver = [];
    for (let i = 0; i < RUNS; i += 1) {
      joinable.push(await personFollowedBy(relais, territory, referent));
      handedOver.push(await personFollowedBy(relais, territory, referent));
    }
    api = await startApiProcess(TOKEN_SECRET);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await api?.stop();
    await relais?.close();
  });

  const socketOf = async (caseworker: Caseworker): Promise<Socket> => {
    const socket = await connectSocket(api.baseUrl, { auth: { token: caseworker.token } });
    sockets.push(socket);
    return socket;
  };

  it(`${RUNS} join requests in a row: ${RUNS} pushes to the referent, none lost or doubled`, async () => {
    const pushes = record<NotificationNode>(await socketOf(referent), 'notification');
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${requester.token}`,
    });
    const sent: string[] = [];
    for (const person of joinable) sent.push(await askToJoin(client, person.id));
    // Pushed in the order of the commits: the last one's arrival says every earlier one came.
    const joinRequests = () =>
      pushes.filter((push) => push.joinRequestId).map((push) => push.joinRequestId);
    const last = sent[sent.length - 1];
    await eventually(
      () => Promise.resolve(joinRequests()),
      (ids) => ids.includes(last),
    );
    expect(joinRequests()).toEqual(sent);
  });

  it(`${RUNS} handover proposals in a row: ${RUNS} pushes to the target admin, none lost or doubled`, async () => {
    const pushes = record<NotificationNode>(await socketOf(admin), 'notification');
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${referent.token}`,
    });
    const sent: string[] = [];
    for (const person of handedOver) {
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
