import pg from 'pg';
import { AccountEntity, AccountStatus, MembershipEntity, Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import {
  createAccount,
  createStructure,
  createTerritory,
  GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

const ME = '{ me { email memberships { role structure { name type } territory { code } } } }';

describe('sign-in and sessions', () => {
  startFromEmptyTables();
  let relais: TestApp;
  const previous = process.env.DEV_SIGN_IN;

  beforeAll(async () => {
    process.env.DEV_SIGN_IN = 'true';
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
    if (previous === undefined) delete process.env.DEV_SIGN_IN;
    else process.env.DEV_SIGN_IN = previous;
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${relais.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const as = (accessToken: string) =>
    new GraphqlHttpClient(`${relais.baseUrl}/graphql`, { authorization: `Bearer ${accessToken}` });

  async function caseworkerInTwoStructures() {
    const territory = await createTerritory(relais.dataSource);
    const cd = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
      name: 'Département de Loire-Atlantique',
    });
    const ml = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
      name: 'Mission locale Nantes Métropole',
    });
    const account = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure: cd },
      { role: Role.STRUCTURE_ADMIN, structure: ml },
    ]);
    return Object.assign(account, { territoryCode: territory.code });
  }

  it('signs in by email in development and tells the account all of its memberships', async () => {
    const account = await caseworkerInTwoStructures();
    const signedIn = await post('/auth/dev/sign-in', { email: account.email.toUpperCase() });
    expect(signedIn.status).toBe(200);
    const tokens = signedIn.body as unknown as Tokens;
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });

    const me = await as(tokens.accessToken).data<{
      me: { email: string; memberships: { role: string; structure: { name: string } }[] };
    }>(ME);
    expect(me.me.email).toBe(account.email);
    expect(me.me.memberships).toEqual([
      {
        role: 'PROFESSIONAL',
        structure: { name: 'Département de Loire-Atlantique', type: 'CONSEIL_DEPARTEMENTAL' },
        territory: { code: account.territoryCode },
      },
      {
        role: 'STRUCTURE_ADMIN',
        structure: { name: 'Mission locale Nantes Métropole', type: 'MISSION_LOCALE' },
        territory: { code: account.territoryCode },
      },
    ]);
  });

  it('refuses a malformed email, naming the field, and an unknown one', async () => {
    const malformed = await post('/auth/dev/sign-in', { email: 'not-an-email' });
    expect(malformed).toEqual({
      status: 400,
      body: {
        error: 'INVALID_INPUT',
        reason: 'VALIDATION_FAILED',
        field: 'email',
        fields: [{ field: 'email', rule: 'FORMAT' }],
        message: 'email must be an email address',
      },
    });
    const unknown = await post('/auth/dev/sign-in', { email: 'nobody@example.test' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: 'UNAUTHENTICATED', reason: 'ACCOUNT_NOT_FOUND' });
    const extra = await post('/auth/dev/sign-in', { email: 'a@example.test', isAdmin: true });
    expect(extra.body).toMatchObject({
      error: 'INVALID_INPUT',
      field: 'isAdmin',
      fields: [{ field: 'isAdmin', rule: 'UNKNOWN_FIELD' }],
    });
  });

  it('asks for a token on a protected operation, and refuses a forged or garbled one', async () => {
    const anonymous = await relais.graphql.execute(ME);
    expect(anonymous.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'NOT_SIGNED_IN',
    });
    const forged = await as('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl').execute(ME);
    expect(forged.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_INVALID',
    });
    expect(forged.data).toBeNull();
  });

  it('rotates refresh tokens, and a reused one ends the session', async () => {
    const account = await createAccount(relais.dataSource);
    const first = (await post('/auth/dev/sign-in', { email: account.email }))
      .body as unknown as Tokens;

    const second = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    const rotated = second.body as unknown as Tokens;
    expect(rotated.refreshToken).not.toBe(first.refreshToken);
    expect((await as(rotated.accessToken).execute(ME)).errors).toBeUndefined();

    // At once, it yields the same successor (a second tab refreshing at the same moment)...
    const concurrent = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(concurrent.status).toBe(200);
    expect((concurrent.body as unknown as Tokens).refreshToken).toBe(rotated.refreshToken);

    // ...but past the grace of a few seconds, the old refresh token again is a thief or a
    // replay: the whole session ends.
    await relais.dataSource.query(
      `UPDATE refresh_token SET used_at = used_at - interval '11 seconds'
        WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [first.refreshToken],
    );
    const replay = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect((await as(rotated.accessToken).execute(ME)).errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'SESSION_ENDED',
    });
    expect((await post('/auth/refresh', { refreshToken: rotated.refreshToken })).status).toBe(401);
  });

  it('signs out: the access and refresh tokens stop working at once', async () => {
    const account = await createAccount(relais.dataSource);
    const tokens = (await post('/auth/dev/sign-in', { email: account.email }))
      .body as unknown as Tokens;
    const out = await post('/auth/sign-out', {}, { authorization: `Bearer ${tokens.accessToken}` });
    expect(out.status).toBe(204);
    expect((await as(tokens.accessToken).execute(ME)).errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'SESSION_ENDED',
    });
    expect((await post('/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('takes a disabled account or a revoked membership into account at the very next request', async () => {
    const account = await caseworkerInTwoStructures();
    const client = await relais.graphqlAs(account.id);
    expect((await client.data<{ me: { memberships: unknown[] } }>(ME)).me.memberships).toHaveLength(
      2,
    );

    const [first] = await relais.dataSource.manager.find(MembershipEntity, {
      where: { accountId: account.id },
      order: { createdAt: 'ASC' },
    });
    await relais.dataSource.manager.update(
      MembershipEntity,
      { id: first?.id },
      { revokedAt: new Date() },
    );
    const after = await client.data<{ me: { memberships: { role: string }[] } }>(ME);
    expect(after.me.memberships.map((membership) => membership.role)).toEqual(['STRUCTURE_ADMIN']);

    await relais.dataSource.manager.update(
      AccountEntity,
      { id: account.id },
      { status: AccountStatus.DISABLED },
    );
    expect((await client.execute(ME)).errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'SESSION_ENDED',
    });
    const again = await post('/auth/dev/sign-in', { email: account.email });
    expect(again.status).toBe(401);
  });

  it('keeps no refresh token in clear in the database', async () => {
    const account = await createAccount(relais.dataSource);
    const tokens = (await post('/auth/dev/sign-in', { email: account.email }))
      .body as unknown as Tokens;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ token_hash: string }>(
        'SELECT token_hash FROM refresh_token',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((row) => row.token_hash)).not.toContain(tokens.refreshToken);
    } finally {
      await client.end();
    }
  });
});

describe('the development sign-in when it is off', () => {
  it('is refused', async () => {
    delete process.env.DEV_SIGN_IN;
    const relais = await startRelais();
    try {
      const account = await createAccount(relais.dataSource);
      const response = await fetch(`${relais.baseUrl}/auth/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: account.email }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
    } finally {
      await relais.close();
    }
  });
});
