import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type AccountEntity, Role, SessionEntity } from '@relais/identity';
import type { TerritoryEntity } from '@relais/organizations';
import { Gender, type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type OidcTestAccount,
  type OidcTestProvider,
  startOidcTestProvider,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  graphqlAsPerson,
  membershipOf,
  INVITE_TO_SPACE,
  FRANCECONNECT_PIVOT,
} from './person-space.fixtures.js';

// FranceConnect's redirect to Relais. The tests play the browser: they read the provider's
// redirect to it and call the API under test with its query and the attempt cookie.
const REDIRECT_URI = 'http://127.0.0.1:3000/auth/person/franceconnect/callback';
const CLIENT = {
  clientId: 'relais-fc',
  clientSecret: 'relais-franceconnect-test-secret',
  redirectUri: REDIRECT_URI,
  // FranceConnect v2 signs ID tokens and UserInfo (a JWT), ES256 recommended.
  signedUserInfo: 'ES256' as const,
};
const FC_VARIABLES = [
  'FRANCECONNECT_ISSUER',
  'FRANCECONNECT_CLIENT_ID',
  'FRANCECONNECT_CLIENT_SECRET',
  'FRANCECONNECT_REDIRECT_URI',
] as const;
const REFUSED = '/mon-espace/connexion?erreur=franceconnect';

interface CallbackAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly setCookies: string[];
}

let provider: OidcTestProvider;
const previous = Object.fromEntries(FC_VARIABLES.map((name) => [name, process.env[name]]));
let sequence = 0;

// The person's sign-in with FranceConnect (issue 22, ADR 0028), against a real OpenID provider
// configured with FranceConnect's claims.
describe('the person signs in with FranceConnect', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let referent: AccountEntity;
  let referentClient: GraphqlHttpClient;

  beforeAll(async () => {
    provider = await startOidcTestProvider({ clients: [CLIENT] });
    Object.assign(process.env, {
      FRANCECONNECT_ISSUER: provider.issuer,
      FRANCECONNECT_CLIENT_ID: CLIENT.clientId,
      FRANCECONNECT_CLIENT_SECRET: CLIENT.clientSecret,
      FRANCECONNECT_REDIRECT_URI: REDIRECT_URI,
    });
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    referent = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }], {
      givenName: 'Claire',
      familyName: 'Moreau',
    });
    referentClient = await relais.graphqlAs(referent.id);
  });

  afterAll(async () => {
    await relais.close();
    await provider.close();
    for (const name of FC_VARIABLES) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
  });

  /**
   * A file Claire Moreau follows with the pivot's identity as a referent writes it (another
   * case, no accents, a space for the hyphen), its space enabled unless said otherwise.
   */
  async function fileOf(
    overrides: Partial<PersonEntity> = {},
    { enabled = true }: { enabled?: boolean } = {},
  ): Promise<PersonEntity> {
    sequence += 1;
    const person = await createPerson(relais.dataSource, territory, {
      givenName: 'angele marie',
      familyName: `Martin ${sequence}`,
      birthName: 'Dupont Lefevre',
      birthDate: FRANCECONNECT_PIVOT.birthdate,
      gender: Gender.FEMALE,
      birthplace: '44109',
      birthCountry: '99100',
      ...overrides,
    });
    await addTeamMember(
      relais.dataSource,
      person,
      referent,
      await membershipOf(relais, referent),
      TeamRole.REFERENT,
    );
    if (enabled) {
      await referentClient.data(INVITE_TO_SPACE, {
        input: { personId: person.id, email: `angele.${sequence}.${Date.now()}@example.test` },
      });
    }
    return person;
  }

  /** The browser: FranceConnect's button, FranceConnect, and the way back to Relais. */
  async function signInAs(claims: OidcTestAccount): Promise<CallbackAnswer> {
    const sub = `fc-${(sequence += 1)}-${Date.now()}`;
    provider.accounts.set(sub, claims);
    const start = await fetch(`${relais.baseUrl}/auth/person/franceconnect`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const cookie = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const back = await provider.authorize(start.headers.get('location') ?? '', { sub });
    const answer = await fetch(
      `${relais.baseUrl}/auth/person/franceconnect/callback${back.search}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );
    return {
      status: answer.status,
      location: answer.headers.get('location'),
      setCookies: answer.headers.getSetCookie(),
    };
  }

  /** What the sign-in logged while `act` ran: the reason, never the identity. */
  async function logged(act: () => Promise<unknown>): Promise<string> {
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      await act();
      return log.mock.calls.map((call) => String(call[0])).join('\n');
    } finally {
      log.mockRestore();
    }
  }

  const personSessions = (person: PersonEntity) =>
    relais.dataSource.manager.count(SessionEntity, { where: { personId: person.id } });

  it('says FranceConnect is offered, and asks it for the identity pivot at eIDAS level 1 with PKCE', async () => {
    const methods = await fetch(`${relais.baseUrl}/auth/methods`);
    expect(await methods.json()).toMatchObject({ franceConnect: true });

    const start = await fetch(`${relais.baseUrl}/auth/person/franceconnect`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const url = new URL(start.headers.get('location') ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid given_name family_name birthdate gender birthplace birthcountry',
      acr_values: 'eidas1',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('state')).toMatch(/^.{32,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^.{32,}$/);
    expect(start.headers.getSetCookie()[0]).toMatch(
      /^relais_fc_attempt=[\w-]+(\.[\w-]*){4}; Path=\/auth\/person\/franceconnect\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/,
    );
  });

  it('signs in the person whose enabled file matches exactly, and their space answers', async () => {
    const person = await fileOf();
    const answer = await signInAs(FRANCECONNECT_PIVOT);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/mon-espace');
    expect(answer.setCookies[0]).toMatch(/^relais_fc_attempt=; .*Max-Age=0/);
    const sessionCookie = answer.setCookies[1] ?? '';
    expect(sessionCookie).toMatch(/^relais_refresh=[\w-]{20,}; /);
    expect(sessionCookie).toContain('HttpOnly');

    // The web page takes its access token from the cookie, as after an emailed code.
    const refreshed = await fetch(`${relais.baseUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookie.split(';')[0] ?? '' },
      body: '{}',
    });
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const { mySpace } = await graphqlAsPerson(relais, accessToken).data<{
      mySpace: { personId: string };
    }>('{ mySpace { personId } }');
    expect(mySpace.personId).toBe(person.id);
  });

  it('signs in a person born abroad by their country of birth', async () => {
    const person = await fileOf({
      birthDate: '1979-02-03',
      gender: Gender.MALE,
      givenName: 'Moussa',
      birthName: null,
      familyName: `Konaté ${sequence + 1}`,
      birthplace: null,
      birthCountry: '99341',
    });
    const answer = await signInAs({
      family_name: person.familyName,
      given_name: 'Moussa',
      birthdate: '1979-02-03',
      gender: 'male',
      birthplace: '',
      birthcountry: '99341',
    });
    expect(answer.location).toBe('/mon-espace');
    expect(await personSessions(person)).toBe(1);
  });

  it.each<[string, Partial<PersonEntity>]>([
    ['one letter of the birth name', { birthName: 'Dupond Lefevre' }],
    ['another birth date', { birthDate: '1984-06-22' }],
    ['another gender', { gender: Gender.MALE }],
    ['another town of birth', { birthplace: '44184' }],
    ['a given name missing', { givenName: 'Angèle' }],
  ])('refuses a near match (%s), with the one answer', async (_what, change) => {
    const birthDate = `1990-0${(sequence % 9) + 1}-1${sequence % 10}`;
    const person = await fileOf({ birthDate, ...change });
    let answer: CallbackAnswer | undefined;
    const log = await logged(async () => {
      answer = await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: birthDate });
    });
    // The reason goes to the log, without the identity.
    expect(log).toContain('A FranceConnect sign-in opened no personal space: NO_MATCH');
    expect(log).not.toMatch(/Dupon|Angèle|Angele|44109|1990-/);
    if (!answer) throw new Error('no answer');
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(REFUSED);
    expect(answer.setCookies.join('\n')).not.toContain('relais_refresh=');
    expect(await personSessions(person)).toBe(0);
  });

  it('refuses a matching file whose space is not enabled, with the same answer', async () => {
    const person = await fileOf({ birthDate: '1971-11-30' }, { enabled: false });
    let answer: CallbackAnswer | undefined;
    const log = await logged(async () => {
      answer = await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: '1971-11-30' });
    });
    expect(log).toContain('opened no personal space: SPACE_NOT_ENABLED');
    if (!answer) throw new Error('no answer');
    expect(answer.location).toBe(REFUSED);
    expect(answer.setCookies.join('\n')).not.toContain('relais_refresh=');
    expect(await personSessions(person)).toBe(0);
  });

  it('refuses when two enabled files match: it cannot tell which one is theirs', async () => {
    // Two files of one person (their married names differ, their birth names do not).
    const first = await fileOf({ birthDate: '1966-05-14' });
    const second = await fileOf({ birthDate: '1966-05-14' });
    let location: string | null = null;
    const log = await logged(async () => {
      ({ location } = await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: '1966-05-14' }));
    });
    expect(log).toContain('opened no personal space: SEVERAL_FILES');
    expect(location).toBe(REFUSED);
    expect(await personSessions(first)).toBe(0);
    expect(await personSessions(second)).toBe(0);
  });

  it('lets the referent write the birth identity, naming the field and rule of a wrong code, and then matches it', async () => {
    const person = await fileOf(
      { birthDate: '1962-09-25', gender: null, birthplace: null, birthCountry: null },
      { enabled: true },
    );
    const UPDATE = `mutation($input: UpdatePersonInput!) {
      updatePerson(input: $input) { id gender birthplace birthCountry }
    }`;
    const input = {
      personId: person.id,
      version: person.version,
      givenName: person.givenName,
      familyName: person.familyName,
      birthName: person.birthName,
      birthDate: person.birthDate,
      gender: 'FEMALE',
      birthplace: '44000',
      birthCountry: '99100',
    };
    // Before the referent completes the file, FranceConnect finds nothing.
    expect((await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: '1962-09-25' })).location).toBe(
      REFUSED,
    );

    const wrong = await referentClient.execute(UPDATE, {
      input: { ...input, birthplace: 'Nantes', birthCountry: 'FR' },
    });
    expect(wrong.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      field: 'birthplace',
      fields: [
        { field: 'birthplace', rule: 'FORMAT' },
        { field: 'birthCountry', rule: 'FORMAT' },
      ],
    });
    const written = await referentClient.data<{ updatePerson: Record<string, unknown> }>(UPDATE, {
      input: { ...input, birthplace: '44109' },
    });
    expect(written.updatePerson).toEqual({
      id: person.id,
      gender: 'FEMALE',
      birthplace: '44109',
      birthCountry: '99100',
    });
    expect((await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: '1962-09-25' })).location).toBe(
      '/mon-espace',
    );
  });

  it('refuses a pivot with a claim missing, a declined sign-in and a lost attempt, with the same answer', async () => {
    const person = await fileOf({ birthDate: '1958-01-09' });
    const noGender = { ...FRANCECONNECT_PIVOT, birthdate: '1958-01-09' };
    delete noGender.gender;
    let location: string | null = null;
    expect(
      await logged(async () => {
        ({ location } = await signInAs(noGender));
      }),
    ).toContain('opened no personal space: PIVOT_INCOMPLETE');
    expect(location).toBe(REFUSED);

    const start = await fetch(`${relais.baseUrl}/auth/person/franceconnect`, {
      redirect: 'manual',
    });
    const cookie = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const declined = await provider.authorize(start.headers.get('location') ?? '', { deny: true });
    const afterDecline = await fetch(
      `${relais.baseUrl}/auth/person/franceconnect/callback${declined.search}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(afterDecline.headers.get('location')).toBe(REFUSED);

    const sub = `fc-lost-${Date.now()}`;
    provider.accounts.set(sub, { ...FRANCECONNECT_PIVOT, birthdate: '1958-01-09' });
    const again = await fetch(`${relais.baseUrl}/auth/person/franceconnect`, {
      redirect: 'manual',
    });
    const back = await provider.authorize(again.headers.get('location') ?? '', { sub });
    const withoutCookie = await fetch(
      `${relais.baseUrl}/auth/person/franceconnect/callback${back.search}`,
      { redirect: 'manual' },
    );
    expect(withoutCookie.headers.get('location')).toBe(REFUSED);
    expect(await personSessions(person)).toBe(0);

    // The same person, the whole way in one browser: signed in.
    expect((await signInAs({ ...FRANCECONNECT_PIVOT, birthdate: '1958-01-09' })).location).toBe(
      '/mon-espace',
    );
    expect(await personSessions(person)).toBe(1);
  });
});
