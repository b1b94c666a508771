import { type AccountEntity, Role } from '@relais/identity';
import { EmailSenderService } from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import type { PersonEntity } from '@relais/pathways';
import {
  connectSocket,
  createAccount,
  createApiClient,
  createGraphqlWsClient,
  createPerson,
  type GraphqlHttpClient,
  type SmtpTestServer,
  startSmtpTestServer,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { PersonSpaceCleanupJob } from '@relais/person-space';
import { operationsOpenToPersons } from '../../apps/api/src/auth/access-rule.audit.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  createSpaceTeam,
  followedByTeam,
  graphqlAsPerson,
  personToken as sessionTokenOf,
} from './person-space.fixtures.js';

const PUBLIC_URL = 'https://relais.example.test';

const INVITE = `mutation($input: InvitePersonToSpaceInput!) {
  invitePersonToSpace(input: $input) { personId email enabled linkExpiresAt }
}`;
const REVOKE = `mutation($personId: ID!) { revokePersonSpace(personId: $personId) { enabled } }`;
const MY_SPACE = `{ mySpace { personId followers {
  givenName familyName role structureName workEmail workPhone } } }`;

interface RestAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> & {
    reason?: string;
    details?: Record<string, unknown>;
  };
  readonly headers: Headers;
}

// The person's personal space, first part (issue 22): the referent invites, the person opens the
// one-time link, types the code emailed to them and reads who follows them; every other
// operation refuses their session; revoking the space signs them out at once.
describe('the personal space of the person followed', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let otherStructure: StructureEntity;
  let referent: AccountEntity;
  let referentClient: GraphqlHttpClient;
  let counter = 0;
  const previous = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = PUBLIC_URL;
    relais = await startRelais();
    ({ territory, structure, otherStructure, referent, referentClient } =
      await createSpaceTeam(relais));
  });

  afterAll(async () => {
    await relais.close();
    await smtp.close();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const sendDue = () => relais.app.get(EmailSenderService).sendDue();
  const sentTo = (address: string) =>
    smtp.messages().filter((message) => message.envelope.to.includes(address));

  /** A person the referent follows, with a follower of another structure in the team. */
  async function followedPerson(): Promise<{ person: PersonEntity; email: string }> {
    counter += 1;
    const team = { territory, structure, otherStructure, referent, referentClient };
    const { person, follower } = await followedByTeam(relais, team);
    await relais.dataSource.query(
      `UPDATE account SET work_phone = '02 40 00 00 00' WHERE id = $1`,
      [follower.id],
    );
    return { person, email: `awa.person${counter}.${Date.now()}@example.test` };
  }

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${relais.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as RestAnswer['body'],
      headers: response.headers,
    } satisfies RestAnswer;
  }

  const reasonOf = (answer: RestAnswer) => answer.body.reason;

  /** Invites the person and gives the link's token, read from the email they received. */
  async function invite(person: PersonEntity, email: string): Promise<string> {
    await referentClient.data(INVITE, { input: { personId: person.id, email } });
    await sendDue();
    await waitUntil(() => sentTo(email).length >= 1);
    const text = sentTo(email).at(-1)?.text ?? '';
    const token = /\/mon-espace\/lien#([\w-]+)/.exec(text)?.[1];
    if (!token) throw new Error(`no link in: ${text}`);
    return token;
  }

  /** The code of the last email the address received, after `before` emails. */
  async function codeSentTo(email: string, before: number): Promise<string> {
    await sendDue();
    await waitUntil(() => sentTo(email).length > before);
    const code = /\b(\d{6})\b/.exec(sentTo(email).at(-1)?.text ?? '')?.[1];
    if (!code) throw new Error('no code in the email');
    return code;
  }

  const personToken = (person: PersonEntity) => sessionTokenOf(relais, person);
  const asPerson = (token: string) => graphqlAsPerson(relais, token);

  it('goes from the invitation to the link, the code, a session and the space', async () => {
    const { person, email } = await followedPerson();
    const token = await invite(person, email);
    const invitation = sentTo(email)[0];
    expect(invitation?.text).toContain('Bonjour Awa,');
    expect(invitation?.text).toContain('Claire Moreau (Mission locale de Rezé)');

    const opened = await post('/auth/person/link', { token });
    expect(opened.status).toBe(200);
    const code = await codeSentTo(email, 1);
    const signedIn = await post('/auth/person/sign-in', {
      challenge: opened.body.challenge,
      code,
      cookie: true,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).not.toHaveProperty('refreshToken');
    expect(signedIn.headers.get('set-cookie')).toMatch(/^relais_refresh=[\w-]+;.*HttpOnly/);

    const { mySpace } = await asPerson(String(signedIn.body.accessToken)).data<{
      mySpace: { personId: string; followers: Record<string, unknown>[] };
    }>(MY_SPACE);
    expect(mySpace.personId).toBe(person.id);
    expect(mySpace.followers).toEqual([
      {
        givenName: 'Claire',
        familyName: 'Moreau',
        role: 'REFERENT',
        structureName: 'Mission locale de Rezé',
        workEmail: referent.email,
        workPhone: null,
      },
      {
        givenName: 'Hugo',
        familyName: 'Lemaire',
        role: 'FOLLOWER',
        structureName: 'CCAS de Rezé',
        workEmail: expect.stringContaining('@') as string,
        workPhone: '02 40 00 00 00',
      },
    ]);

    // Logged as the person's own read, and shown so in the referent's access log.
    const reads = await relais.dataSource.query<Record<string, unknown>[]>(
      `SELECT ground, account_id, membership_id, client_id FROM access_log WHERE person_id = $1`,
      [person.id],
    );
    expect(reads).toEqual([
      { ground: 'SELF', account_id: null, membership_id: null, client_id: null },
    ]);
    const { accessLog } = await referentClient.data<{
      accessLog: {
        edges: { node: { ground: string; readerName: string; partnerSystem: boolean } }[];
      };
    }>(
      `query($id: ID!) { accessLog(personId: $id) { edges { node { ground readerName partnerSystem } } } }`,
      {
        id: person.id,
      },
    );
    expect(accessLog.edges.map((edge) => edge.node)).toEqual([
      { ground: 'SELF', readerName: 'La personne elle-même', partnerSystem: false },
    ]);

    // The session goes on as an account's does: the cookie refreshes it.
    const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const refreshed = await post('/auth/refresh', {}, { cookie });
    expect(refreshed.status).toBe(200);
    const renewed = String(refreshed.body.accessToken);
    await asPerson(renewed).data(MY_SPACE);
    // And ends when the person signs out.
    const out = await post('/auth/person/sign-out', {}, { authorization: `Bearer ${renewed}` });
    expect(out.status).toBe(204);
    expect((await asPerson(renewed).execute(MY_SPACE)).errors?.[0]?.extensions).toMatchObject({
      reason: 'SESSION_ENDED',
    });

    const timeline = await relais.dataSource.query<{ type: string; actor_account_id: string }[]>(
      `SELECT type, actor_account_id FROM timeline_event WHERE person_id = $1 AND type LIKE 'person_space.%'`,
      [person.id],
    );
    expect(timeline).toEqual([{ type: 'person_space.invited', actor_account_id: referent.id }]);
    const [stored] = await relais.dataSource.query<{ message: Record<string, unknown> }[]>(
      `SELECT message FROM email_delivery WHERE to_address = $1 AND kind = 'PERSON_SPACE_INVITATION'`,
      [email],
    );
    // The link is not kept in the queue once sent, nor anywhere in clear.
    expect(stored?.message).not.toHaveProperty('secret');
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('says a link was already used, has expired, or is no link at all', async () => {
    const { person, email } = await followedPerson();
    const token = await invite(person, email);
    expect((await post('/auth/person/link', { token })).status).toBe(200);
    const reused = await post('/auth/person/link', { token });
    expect(reused.status).toBe(401);
    expect(reasonOf(reused)).toBe('PERSON_LINK_USED');

    const fresh = await invite(person, email);
    await relais.dataSource.query(
      `UPDATE person_space_link SET expires_at = now() - interval '1 second' WHERE person_id = $1 AND used_at IS NULL`,
      [person.id],
    );
    expect(reasonOf(await post('/auth/person/link', { token: fresh }))).toBe('PERSON_LINK_EXPIRED');
    expect(reasonOf(await post('/auth/person/link', { token: 'x'.repeat(43) }))).toBe(
      'PERSON_LINK_INVALID',
    );
  });

  it('counts wrong codes: five, then the code no longer works, and an unknown address looks the same', async () => {
    const { person, email } = await followedPerson();
    await invite(person, email);
    const before = sentTo(email).length;
    const asked = await post('/auth/person/code', { email: email.toUpperCase() });
    expect(asked.status).toBe(200);
    const code = await codeSentTo(email, before);
    const wrong = code === '000000' ? '111111' : '000000';
    const left: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const answer = await post('/auth/person/sign-in', {
        challenge: asked.body.challenge,
        code: wrong,
      });
      expect(reasonOf(answer)).toBe('PERSON_CODE_WRONG');
      left.push(answer.body.details?.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const late = await post('/auth/person/sign-in', { challenge: asked.body.challenge, code });
    expect(late.status).toBe(401);
    expect(reasonOf(late)).toBe('PERSON_CODE_EXPIRED');

    // An address no space has: the same answer, a challenge that counts wrong codes, no email.
    const unknown = `nobody${Date.now()}@example.test`;
    const decoy = await post('/auth/person/code', { email: unknown });
    expect(decoy.status).toBe(200);
    expect(Object.keys(decoy.body).sort()).toEqual(Object.keys(asked.body).sort());
    const tried = await post('/auth/person/sign-in', { challenge: decoy.body.challenge, code });
    expect(reasonOf(tried)).toBe('PERSON_CODE_WRONG');
    expect(tried.body.details).toEqual({ attemptsLeft: 4 });
    await sendDue();
    expect(sentTo(unknown)).toHaveLength(0);

    // A day after they can open nothing, the cleanup job drops both challenges, known or not.
    const challenges = [asked.body.challenge, decoy.body.challenge];
    await relais.dataSource.query(
      `UPDATE person_sign_in_code SET expires_at = now() - interval '2 days' WHERE id = ANY($1::uuid[])`,
      [challenges],
    );
    await relais.app.get(PersonSpaceCleanupJob).cleanUp();
    const kept = await relais.dataSource.query<unknown[]>(
      `SELECT id FROM person_sign_in_code WHERE id = ANY($1::uuid[])`,
      [challenges],
    );
    expect(kept).toEqual([]);
  });

  it('signs the person out at once when the space is revoked, live connections included', async () => {
    const { person, email } = await followedPerson();
    await invite(person, email);
    const token = await personToken(person);
    const socket = await connectSocket(relais.baseUrl, { auth: { token } });
    const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const graphqlWs = createGraphqlWsClient(
      relais.baseUrl,
      { authorization: `Bearer ${token}` },
      { lazy: false },
    );
    try {
      const first = await graphqlWs.execute<{ mySpace: { personId: string } }>(MY_SPACE);
      expect(first.data?.mySpace.personId).toBe(person.id);

      const { revokePersonSpace } = await referentClient.data<{
        revokePersonSpace: { enabled: boolean };
      }>(REVOKE, { personId: person.id });
      expect(revokePersonSpace.enabled).toBe(false);
      expect(await socketClosed).toBe('io server disconnect');
      expect((await graphqlWs.closed).code).toBe(4403);
      const after = await asPerson(token).execute(MY_SPACE);
      expect(after.errors?.[0]?.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'SESSION_ENDED',
      });
      expect(reasonOf(await post('/auth/person/code', { email }))).toBeUndefined();
      const timeline = await relais.dataSource.query<{ type: string }[]>(
        `SELECT type FROM timeline_event WHERE person_id = $1 AND type = 'person_space.revoked'`,
        [person.id],
      );
      expect(timeline).toHaveLength(1);
    } finally {
      socket.disconnect();
      await graphqlWs.close();
    }
  });

  it('lets only a team member who may write the file invite or revoke', async () => {
    const { person } = await followedPerson();
    const stranger = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    const result = await (
      await relais.graphqlAs(stranger.id)
    ).execute(INVITE, {
      input: { personId: person.id, email: `x${Date.now()}@example.test` },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const revoked = await referentClient.execute(REVOKE, { personId: person.id });
    expect(revoked.errors?.[0]?.extensions).toMatchObject({ reason: 'PERSON_SPACE_NOT_ENABLED' });
  });

  describe('a person’s session, anywhere else', () => {
    it('opens only the space itself: no other operation of Relais declares it may', () => {
      expect(operationsOpenToPersons(relais.app)).toEqual([
        'Mutation.answerAppointment',
        'Mutation.requestRight',
        'MyExportController.json',
        'MyExportController.pdf',
        'PersonSignInController.signOut',
        'Query.myFileReads',
        'Query.myRightsRequests',
        'Query.mySpace',
      ]);
    });

    it.each([
      ['the caseload', `{ caseload(first: 5) { __typename } }`, {}],
      ['the search', `{ searchPeople(query: "Awa") { __typename } }`, {}],
      ['another person’s file', `query($id: ID!) { person(id: $id) { id } }`, 'other'],
      [
        'their own file as professionals see it',
        `query($id: ID!) { person(id: $id) { id } }`,
        'own',
      ],
      ['the admin queries', `{ adminAuditLog(first: 5) { __typename } }`, {}],
      ['the territories', `{ territories { id } }`, {}],
      ['the partners’ events', `{ events(first: 5) { __typename } }`, {}],
      ['the inbox', `{ notifications(first: 5) { __typename } }`, {}],
      ['an invitation', INVITE, 'invite'],
    ] as const)('refuses %s', async (_name, query, variables) => {
      const { person } = await followedPerson();
      const other = await createPerson(relais.dataSource, territory);
      const token = await personToken(person);
      const vars =
        variables === 'other'
          ? { id: other.id }
          : variables === 'own'
            ? { id: person.id }
            : variables === 'invite'
              ? { input: { personId: person.id, email: `p${Date.now()}@example.test` } }
              : {};
      const result = await asPerson(token).execute(query, vars);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_ALLOWED',
      });
    });

    it('refuses the REST routes of accounts; the space itself refuses accounts and partners', async () => {
      const { person } = await followedPerson();
      const token = await personToken(person);
      const me = await fetch(`${relais.baseUrl}/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.status).toBe(403);
      // And the space's own query refuses anyone else: an account, a partner client.
      const account = await referentClient.execute(MY_SPACE);
      expect(account.errors?.[0]?.extensions).toMatchObject({ reason: 'PERSON_ONLY' });
      const client = await createApiClient(relais.dataSource, territory, ['persons:read']);
      const partner = await (await relais.graphqlAsClient(client)).execute(MY_SPACE);
      expect(partner.errors?.[0]?.extensions).toMatchObject({ reason: 'PERSON_ONLY' });
    });
  });
});
