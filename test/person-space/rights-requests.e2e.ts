import { type AccountEntity, Role } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  connectSocket,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  waitUntil,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { type EmailingRelais, startEmailingRelais } from '../notifications/email-support.js';
import { nextEvent, type NotificationNode } from '../notifications/notification-support.js';
import { graphqlAsPerson, membershipOf, personToken } from './person-space.fixtures.js';
import { startFromEmptyTables } from '../support/app.js';

const REQUEST = `mutation($input: RequestRightInput!) {
  requestRight(input: $input) { id kind details status requestedAt dueOn answeredAt answer }
}`;
const MINE = `{ myRightsRequests { id kind details status dueOn answeredAt answer } }`;
const OF_FILE = `query($id: ID!) { person(id: $id) { id objection restricted
  rightsRequests { id kind details status dueOn answer } } }`;
const ANSWER = `mutation($input: AnswerRightsRequestInput!) {
  answerRightsRequest(input: $input) { id status answer answeredAt }
}`;
const INVITE = `mutation($input: InvitePersonToSpaceInput!) {
  invitePersonToSpace(input: $input) { enabled }
}`;
const OPEN = `query($id: ID!) { person(id: $id) { id } }`;

interface Request {
  id: string;
  kind: string;
  details: string;
  status: string;
  dueOn: string;
  answeredAt: string | null;
  answer: string | null;
}

/** The Paris date a month after now, as the table computes it. */
function monthAfterInParis(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number);
  const next = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return next.toISOString().slice(0, 10);
}

// The person's rights requests from their space (issue 22): the person asks, the referent is
// told at once (inbox, socket, email), answers on the file, and the person reads the answer.
describe('rights requests from the personal space', () => {
  startFromEmptyTables();
  let emailing: EmailingRelais;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: AccountEntity;
  let referentToken: string;
  let referentClient: GraphqlHttpClient;
  let follower: AccountEntity;
  let followerClient: GraphqlHttpClient;
  let outsiderClient: GraphqlHttpClient;
  let socket: Socket;
  let counter = 0;

  beforeAll(async () => {
    emailing = await startEmailingRelais();
    const { relais } = emailing;
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory, { name: 'Mission locale' });
    referent = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }], {
      givenName: 'Claire',
      familyName: 'Moreau',
    });
    referentToken = (await relais.signIn(referent.id)).accessToken;
    referentClient = relais.graphql.withHeaders({ authorization: `Bearer ${referentToken}` });
    follower = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }]);
    followerClient = await relais.graphqlAs(follower.id);
    const outsider = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    outsiderClient = await relais.graphqlAs(outsider.id);
    socket = await connectSocket(relais.baseUrl, { auth: { token: referentToken } });
  });

  afterAll(async () => {
    socket.close();
    await emailing.close();
  });

  const relais = () => emailing.relais;
  const sentTo = (address: string) =>
    emailing.smtp.messages().filter((message) => message.envelope.to.includes(address));

  /** A person Claire is the referent of, with a follower, their space opened; and their client. */
  async function personWithSpace(): Promise<{
    person: PersonEntity;
    email: string;
    client: GraphqlHttpClient;
  }> {
    counter += 1;
    const person = await createPerson(relais().dataSource, territory, {
      givenName: 'Awa',
      familyName: `Diallo ${counter}`,
    });
    await addTeamMember(
      relais().dataSource,
      person,
      referent,
      await membershipOf(relais(), referent),
      TeamRole.REFERENT,
    );
    await addTeamMember(
      relais().dataSource,
      person,
      follower,
      await membershipOf(relais(), follower),
    );
    const email = `awa.rights${counter}.${Date.now()}@example.test`;
    await referentClient.data(INVITE, { input: { personId: person.id, email } });
    const client = graphqlAsPerson(relais(), await personToken(relais(), person));
    return { person, email, client };
  }

  it('goes from the person’s rectification request to the referent and back with the answer', async () => {
    const { person, email, client } = await personWithSpace();
    const pushed = nextEvent<NotificationNode>(
      socket,
      'notification',
      (notification) => notification.person?.id === person.id,
    );
    const { requestRight } = await client.data<{ requestRight: Request }>(REQUEST, {
      input: { kind: 'RECTIFICATION', details: '  Mon adresse a changé : 3 rue des Lilas.  ' },
    });
    expect(requestRight).toMatchObject({
      kind: 'RECTIFICATION',
      details: 'Mon adresse a changé : 3 rue des Lilas.',
      status: 'PENDING',
      dueOn: monthAfterInParis(),
      answeredAt: null,
      answer: null,
    });

    // The referent is told live, in the inbox, and by email at once.
    await emailing.dispatcher.dispatchPending();
    const notification = await pushed;
    expect(notification.type).toBe('rights.requested');
    await emailing.sender.sendDue();
    await waitUntil(() => sentTo(referent.email).length >= 1);
    const told = sentTo(referent.email).at(-1);
    expect(told?.subject).toContain('Awa D.');
    expect(told?.text).toContain('demande la correction de son dossier');
    expect(told?.text).not.toContain('Lilas');

    // It waits on the referent's home, due a month later; not on the follower's.
    const MY_WORK = `{ myWork { rightsRequests { count items { id on label person { id } } } } }`;
    const { myWork } = await referentClient.data<{
      myWork: {
        rightsRequests: {
          count: number;
          items: { id: string; on: string; label: string; person: { id: string } }[];
        };
      };
    }>(MY_WORK);
    expect(myWork.rightsRequests.items).toContainEqual({
      id: requestRight.id,
      on: requestRight.dueOn,
      label: 'RECTIFICATION',
      person: { id: person.id },
    });
    const { myWork: followerWork } = await followerClient.data<{
      myWork: { rightsRequests: { items: { id: string }[] } };
    }>(MY_WORK);
    expect(followerWork.rightsRequests.items.map((item) => item.id)).not.toContain(requestRight.id);

    // The file shows it to its team, with its history.
    const { person: file } = await referentClient.data<{
      person: { rightsRequests: Request[] };
    }>(OF_FILE, { id: person.id });
    expect(file.rightsRequests).toEqual([
      expect.objectContaining({ id: requestRight.id, status: 'PENDING' }),
    ]);
    const { answerRightsRequest } = await referentClient.data<{
      answerRightsRequest: { status: string; answer: string; answeredAt: string };
    }>(ANSWER, {
      input: { requestId: requestRight.id, accept: true, answer: 'Adresse corrigée, merci.' },
    });
    expect(answerRightsRequest).toMatchObject({
      status: 'ACCEPTED',
      answer: 'Adresse corrigée, merci.',
    });
    const timeline = await relais().dataSource.query<{ type: string; after: unknown }[]>(
      `SELECT type, after FROM timeline_event WHERE person_id = $1 AND type LIKE 'rights.%'
        ORDER BY occurred_at, type DESC`,
      [person.id],
    );
    expect(timeline).toEqual([
      { type: 'rights.requested', after: { kind: 'RECTIFICATION', dueOn: requestRight.dueOn } },
      { type: 'rights.request_answered', after: { kind: 'RECTIFICATION', status: 'ACCEPTED' } },
    ]);

    // The person is told by email (no details) and reads the answer in their space.
    await emailing.sender.sendDue();
    await waitUntil(() => sentTo(email).some((m) => m.subject.includes('réponse')));
    const answered = sentTo(email).find((m) => m.subject.includes('réponse'));
    expect(answered?.text).toContain('/mon-espace');
    expect(answered?.text).not.toContain('Adresse corrigée');
    const { myRightsRequests } = await client.data<{ myRightsRequests: Request[] }>(MINE);
    expect(myRightsRequests).toEqual([
      expect.objectContaining({
        id: requestRight.id,
        status: 'ACCEPTED',
        answer: 'Adresse corrigée, merci.',
      }),
    ]);
    const again = await referentClient.execute(ANSWER, {
      input: { requestId: requestRight.id, accept: false, answer: 'Non' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      reason: 'RIGHTS_REQUEST_ALREADY_ANSWERED',
    });
  });

  it('sets the objection flag when the referent accepts it, and partners lose the file', async () => {
    const { person, client } = await personWithSpace();
    const partner = await relais().graphqlAsClient(
      await createApiClient(relais().dataSource, territory, ['persons:read']),
    );
    expect((await partner.execute(OPEN, { id: person.id })).errors).toBeUndefined();
    const { requestRight } = await client.data<{ requestRight: Request }>(REQUEST, {
      input: { kind: 'OBJECTION', details: 'Je ne veux pas que mon dossier soit partagé.' },
    });
    // A follower may answer, but recording an objection is the referent's.
    const byFollower = await followerClient.execute(ANSWER, {
      input: { requestId: requestRight.id, accept: true, answer: 'D’accord.' },
    });
    expect(byFollower.errors?.[0]?.extensions).toMatchObject({ reason: 'REFERENT_ONLY' });
    await referentClient.data(ANSWER, {
      input: { requestId: requestRight.id, accept: true, answer: 'C’est fait.' },
    });
    const { person: file } = await referentClient.data<{
      person: { objection: boolean; restricted: boolean };
    }>(OF_FILE, { id: person.id });
    expect(file).toMatchObject({ objection: true, restricted: false });
    expect((await partner.execute(OPEN, { id: person.id })).errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
    });
    const history = await relais().dataSource.query<{ type: string }[]>(
      `SELECT type FROM timeline_event WHERE person_id = $1 AND type = 'processing_limits.updated'`,
      [person.id],
    );
    expect(history).toHaveLength(1);
  });

  it('refuses a second pending request of the same kind, naming the field', async () => {
    const { client } = await personWithSpace();
    await client.data(REQUEST, { input: { kind: 'RESTRICTION', details: 'Stop.' } });
    const second = await client.execute(REQUEST, {
      input: { kind: 'RESTRICTION', details: 'Encore.' },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'RIGHTS_REQUEST_PENDING',
      field: 'kind',
    });
    // Another kind is a request of its own.
    const other = await client.execute(REQUEST, {
      input: { kind: 'RECTIFICATION', details: 'Mon nom est mal écrit.' },
    });
    expect(other.errors).toBeUndefined();
  });

  it('lets no outsider read or answer a person’s requests', async () => {
    const { person, client } = await personWithSpace();
    const { requestRight } = await client.data<{ requestRight: Request }>(REQUEST, {
      input: { kind: 'RECTIFICATION', details: 'Erreur de date.' },
    });
    const read = await outsiderClient.execute(OF_FILE, { id: person.id });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const answer = await outsiderClient.execute(ANSWER, {
      input: { requestId: requestRight.id, accept: false, answer: 'Non.' },
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    // Another person's session reads only their own requests, and cannot answer.
    const other = await personWithSpace();
    const { myRightsRequests } = await other.client.data<{ myRightsRequests: Request[] }>(MINE);
    expect(myRightsRequests).toEqual([]);
    const byPerson = await other.client.execute(ANSWER, {
      input: { requestId: requestRight.id, accept: true, answer: 'Oui.' },
    });
    expect(byPerson.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    const [row] = await relais().dataSource.query<{ status: string }[]>(
      `SELECT status FROM rights_request WHERE id = $1`,
      [requestRight.id],
    );
    expect(row.status).toBe('PENDING');
  });

  it('names the field of a bad input', async () => {
    const { client } = await personWithSpace();
    const blank = await client.execute(REQUEST, {
      input: { kind: 'RECTIFICATION', details: '  ' },
    });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(blank.errors?.[0]?.extensions?.fields)).toContain('details');
    const long = await client.execute(REQUEST, {
      input: { kind: 'OBJECTION', details: 'x'.repeat(2001) },
    });
    expect(JSON.stringify(long.errors?.[0]?.extensions?.fields)).toContain('details');
    const someone = await personWithSpace();
    const { requestRight } = await someone.client.data<{ requestRight: Request }>(REQUEST, {
      input: { kind: 'RECTIFICATION', details: 'Erreur.' },
    });
    const empty = await referentClient.execute(ANSWER, {
      input: { requestId: requestRight.id, accept: false, answer: '' },
    });
    expect(JSON.stringify(empty.errors?.[0]?.extensions?.fields)).toContain('answer');
  });
});
