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
  eventually,
  type NotificationNode,
  personFollowedBy,
  record,
  startApiProcess,
} from './notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-latency-measure-0000';
const RUNS = 20;

/**
 * The built server in its own process pushes every join request to the referent's socket, once
 * and in order. How fast is measured in bench/ (`npm run bench`, realtime scenarios), not here.
 */
describe('the built server pushes each join request to the referent, once, in order', () => {
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

  it(`${RUNS} join requests in a row: ${RUNS} pushes, none lost or doubled`, async () => {
    const pushes = record<NotificationNode>(socket, 'notification');
    const client = new GraphqlHttpClient(`${api.baseUrl}/graphql`, {
      authorization: `Bearer ${requester.token}`,
    });
    const sent: string[] = [];
    for (const person of people) sent.push(await askToJoin(client, person.id));
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
});
