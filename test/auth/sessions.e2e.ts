import { AccessTokenService, Role } from '@relais/identity';
import { TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type GraphqlWsClient,
  type TestApp,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import {
  MAX_LIVE_CONNECTIONS_PER_PRINCIPAL,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
} from '../../apps/api/src/realtime/live-connections.js';
import { startFromEmptyTables, startRelais } from '../support/app.js';
import type { TerritoryEntity } from '@relais/organizations';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly setCookie: string[];
}

async function post(
  relais: TestApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${relais.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    setCookie: response.headers.getSetCookie(),
  };
}

const cookiePair = (setCookie: string | undefined): string => setCookie?.split(';')[0] ?? '';
const sessionIdOf = (accessToken: string): string =>
  (
    JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
      sid: string;
    }
  ).sid;

describe('browser sessions', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let email: string;
  let accountId: string;

  beforeAll(async () => {
    // The web client's sign-in in development; ProConnect's return sets the same cookie.
    const previous = process.env.DEV_SIGN_IN;
    process.env.DEV_SIGN_IN = 'true';
    try {
      relais = await startRelais();
    } finally {
      if (previous === undefined) delete process.env.DEV_SIGN_IN;
      else process.env.DEV_SIGN_IN = previous;
    }
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const account = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    email = account.email;
    accountId = account.id;
  });

  afterAll(async () => {
    await relais.close();
  });

  /** The web client's sign-in: the refresh token goes into the HttpOnly cookie. */
  async function signInWithCookie(): Promise<{ cookie: string; accessToken: string }> {
    const answer = await post(relais, '/auth/dev/sign-in', { email, cookie: true });
    expect(answer.status).toBe(200);
    return {
      cookie: cookiePair(answer.setCookie[0]),
      accessToken: String(answer.body.accessToken),
    };
  }

  const refreshWith = (cookie: string) => post(relais, '/auth/refresh', {}, { cookie });

  it('keeps the web client’s refresh token in an HttpOnly, SameSite=Strict cookie scoped to /auth, never in the answer', async () => {
    const answer = await post(relais, '/auth/dev/sign-in', { email, cookie: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accessToken: expect.any(String) as string,
      tokenType: 'Bearer',
      expiresIn: 900,
      sessionExpiresAt: expect.any(String) as string,
    });
    const [cookie] = answer.setCookie;
    expect(cookie).toMatch(
      /^relais_refresh=[\w-]{43}; Max-Age=\d+; Path=\/auth; HttpOnly; SameSite=Strict$/,
    );
    // Until the session's absolute end: 12 hours by default.
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(11 * 3600);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);

    // Another tab, which holds no token of its own, refreshes from the cookie alone.
    const refreshed = await refreshWith(cookiePair(cookie));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    expect(cookiePair(refreshed.setCookie[0])).toMatch(/^relais_refresh=[\w-]{43}$/);
    expect(cookiePair(refreshed.setCookie[0])).not.toBe(cookiePair(cookie));
  });

  it('answers 401 and no token to a refresh without a token or cookie', async () => {
    const answer = await post(relais, '/auth/refresh', {});
    expect(answer.status).toBe(401);
    expect(answer.body.accessToken).toBeUndefined();
  });

  it('gives two tabs refreshing at once the same successor, and both stay signed in', async () => {
    const { cookie } = await signInWithCookie();
    const [first, second] = await Promise.all([refreshWith(cookie), refreshWith(cookie)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const successors = [first, second].map((answer) => cookiePair(answer.setCookie[0]));
    expect(successors[0]).toBe(successors[1]);
    // The family goes on from that successor.
    const next = await refreshWith(successors[0] ?? '');
    expect(next.status).toBe(200);
    const me = await relais.graphql
      .withHeaders({ authorization: `Bearer ${String(next.body.accessToken)}` })
      .data<{ me: { email: string } }>('{ me { email } }');
    expect(me.me.email).toBe(email);
  });

  it('ends the session when a replaced refresh token comes back after the grace, and clears the cookie', async () => {
    const { cookie, accessToken } = await signInWithCookie();
    expect((await refreshWith(cookie)).status).toBe(200);
    await relais.dataSource.query(
      `UPDATE refresh_token SET used_at = used_at - interval '11 seconds'
        WHERE session_id = $1 AND used_at IS NOT NULL`,
      [sessionIdOf(accessToken)],
    );
    const reused = await refreshWith(cookie);
    expect(reused.status).toBe(401);
    expect(reused.setCookie[0]).toMatch(/^relais_refresh=; Max-Age=0; /);
    const [session] = await relais.dataSource.query<{ revoked_reason: string }[]>(
      'SELECT revoked_reason FROM session WHERE id = $1',
      [sessionIdOf(accessToken)],
    );
    expect(session?.revoked_reason).toBe('refresh_token_reuse');
    const refused = await relais.graphql
      .withHeaders({ authorization: `Bearer ${accessToken}` })
      .execute('{ me { email } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends a session left idle longer than the idle timeout', async () => {
    const { cookie, accessToken } = await signInWithCookie();
    // 31 minutes without a refresh (the default timeout is 30).
    await relais.dataSource.query(
      `UPDATE refresh_token SET created_at = created_at - interval '31 minutes' WHERE session_id = $1`,
      [sessionIdOf(accessToken)],
    );
    expect((await refreshWith(cookie)).status).toBe(401);
    const [session] = await relais.dataSource.query<{ revoked_reason: string }[]>(
      'SELECT revoked_reason FROM session WHERE id = $1',
      [sessionIdOf(accessToken)],
    );
    expect(session?.revoked_reason).toBe('idle');
  });

  it('ends a session at its absolute lifetime, however active, access tokens included', async () => {
    const { cookie, accessToken } = await signInWithCookie();
    const client = relais.graphql.withHeaders({ authorization: `Bearer ${accessToken}` });
    expect((await client.execute('{ me { email } }')).errors).toBeUndefined();
    await relais.dataSource.query(
      `UPDATE session SET created_at = created_at - interval '12 hours 1 minute' WHERE id = $1`,
      [sessionIdOf(accessToken)],
    );
    const refused = await client.execute('{ me { email } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await refreshWith(cookie)).status).toBe(401);
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const { cookie, accessToken } = await signInWithCookie();
    const answer = await post(
      relais,
      '/auth/sign-out',
      {},
      {
        authorization: `Bearer ${accessToken}`,
      },
    );
    expect(answer.status).toBe(204);
    expect(answer.setCookie[0]).toMatch(/^relais_refresh=; Max-Age=0; Path=\/auth; HttpOnly/);
    expect((await refreshWith(cookie)).status).toBe(401);
  });

  it('tells the sign-in page the idle timeout, to warn before it', async () => {
    const methods = (await (await fetch(`${relais.baseUrl}/auth/methods`)).json()) as {
      sessionIdleMinutes: number;
    };
    expect(methods.sessionIdleMinutes).toBe(30);
  });

  describe('live connections', () => {
    /** An access token of a fresh session that expires in `seconds`. */
    async function shortLivedToken(seconds: number): Promise<string> {
      const { accessToken } = await relais.signIn(accountId);
      return relais.app
        .get(AccessTokenService)
        .issue({ accountId, sessionId: sessionIdOf(accessToken) }, seconds);
    }

    it('ends a socket when its access token expires, telling it why', async () => {
      const token = await shortLivedToken(2);
      const socket = await connectSocket(relais.baseUrl, { auth: { token } });
      try {
        const told = new Promise<void>((resolve) => socket.once('session-expired', resolve));
        const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
        await told;
        expect(await closed).toBe('io server disconnect');
      } finally {
        socket.close();
      }
    });

    it('ends a GraphQL WebSocket connection when its access token expires, with 4401', async () => {
      const token = await shortLivedToken(2);
      const graphqlWs = createGraphqlWsClient(
        relais.baseUrl,
        { authorization: `Bearer ${token}` },
        { lazy: false },
      );
      try {
        await graphqlWs.execute('{ apiInfo { name } }');
        expect(await graphqlWs.closed).toEqual({
          code: 4401,
          reason: 'Session expired: reconnect',
        });
      } finally {
        await graphqlWs.close();
      }
    });

    it(`refuses an operation beyond ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions on one connection, and keeps the connection`, async () => {
      const { accessToken } = await relais.signIn(accountId);
      const graphqlWs = createGraphqlWsClient(
        relais.baseUrl,
        { authorization: `Bearer ${accessToken}` },
        { lazy: false },
      );
      const subscriptions: AsyncIterableIterator<unknown>[] = [];
      try {
        for (let index = 0; index < MAX_SUBSCRIPTIONS_PER_CONNECTION; index += 1) {
          const subscription = graphqlWs.subscribe('subscription { notificationAdded { id } }');
          subscriptions.push(subscription);
          // Started: graphql-ws sends the subscribe message on the first pull.
          void subscription.next().catch(() => undefined);
        }
        // graphql-ws counts an operation as soon as its message arrives, in order.
        const refused = graphqlWs.subscribe('subscription { notificationAdded { id } }');
        const outcome = await refused.next().then(
          (result) => result,
          (error: unknown) => error,
        );
        expect(JSON.stringify(outcome)).toContain('TOO_MANY_SUBSCRIPTIONS');
        expect(JSON.stringify(outcome)).toContain(`at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION}`);
        // The connection goes on: once one is completed, there is room for another operation.
        await subscriptions.shift()?.return?.();
        expect((await graphqlWs.execute('{ apiInfo { name } }')).data).toEqual({
          apiInfo: { name: 'Relais' },
        });
      } finally {
        for (const subscription of subscriptions) await subscription.return?.();
        await graphqlWs.close();
      }
    });

    it(`refuses a principal’s live connection beyond ${MAX_LIVE_CONNECTIONS_PER_PRINCIPAL}, on both transports, until one closes`, async () => {
      const { accessToken } = await relais.signIn(accountId);
      const sockets: Socket[] = [];
      const graphqlWs: GraphqlWsClient[] = [];
      try {
        for (let index = 0; index < MAX_LIVE_CONNECTIONS_PER_PRINCIPAL; index += 1) {
          sockets.push(await connectSocket(relais.baseUrl, { auth: { token: accessToken } }));
        }
        await expect(
          connectSocket(relais.baseUrl, { auth: { token: accessToken } }),
        ).rejects.toThrow('TOO_MANY_CONNECTIONS');
        const refused = createGraphqlWsClient(
          relais.baseUrl,
          { authorization: `Bearer ${accessToken}` },
          { lazy: false },
        );
        graphqlWs.push(refused);
        expect(await refused.closed).toEqual({
          code: 4429,
          reason: `Too many connections: at most ${MAX_LIVE_CONNECTIONS_PER_PRINCIPAL}`,
        });
        // The open ones keep working; closing one makes room.
        expect(sockets.every((socket) => socket.connected)).toBe(true);
        const closing = sockets.pop();
        const gone = new Promise((resolve) => closing?.once('disconnect', resolve));
        closing?.close();
        await gone;
        const room = await eventuallyConnects(accessToken);
        sockets.push(room);
        expect(room.connected).toBe(true);
      } finally {
        for (const socket of sockets) socket.close();
        for (const client of graphqlWs) await client.close();
      }
    });

    /** The server learns of a client's close a moment after it: retry until it has. */
    async function eventuallyConnects(token: string): Promise<Socket> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        try {
          return await connectSocket(relais.baseUrl, { auth: { token } });
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
      }
    }
  });
});

// Mon compte, beside its sessions: the work phone, on an app of its own (no dev sign-in).
const SET = `mutation($workPhone: String) { setMyWorkPhone(workPhone: $workPhone) { id workPhone } }`;
const TEAM = `query($id: ID!) { person(id: $id) { team { accountId workEmail workPhone } } }`;

interface TeamContact {
  accountId: string;
  workEmail: string | null;
  workPhone: string | null;
}

describe('work phone (Mon compte), shown in the teams of the files', () => {
  let relais: TestApp;
  let referent: { id: string; email: string; client: GraphqlHttpClient };
  let follower: GraphqlHttpClient;
  let personId: string;

  beforeAll(async () => {
    relais = await startRelais();
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const signIn = async () => {
      const account = await createAccount(relais.dataSource);
      const membership = await addMembership(relais.dataSource, account, {
        role: Role.PROFESSIONAL,
        structure,
      });
      const { accessToken } = await relais.signIn(account.id);
      const client = relais.graphql.withHeaders({ authorization: `Bearer ${accessToken}` });
      return { account, membership, client };
    };
    const first = await signIn();
    const second = await signIn();
    const person = await createPerson(relais.dataSource, territory);
    await addTeamMember(
      relais.dataSource,
      person,
      first.account,
      first.membership,
      TeamRole.REFERENT,
    );
    await addTeamMember(relais.dataSource, person, second.account, second.membership);
    referent = { id: first.account.id, email: first.account.email, client: first.client };
    follower = second.client;
    personId = person.id;
  });

  afterAll(() => relais.close());

  async function storedPhone(): Promise<string | null> {
    const rows = await relais.dataSource.query<{ work_phone: string | null }[]>(
      `SELECT work_phone FROM account WHERE id = $1`,
      [referent.id],
    );
    return rows[0].work_phone;
  }

  it('keeps the professional’s own phone and shows it, with their email, to their team', async () => {
    const set = await referent.client.execute<{ setMyWorkPhone: { workPhone: string } }>(SET, {
      workPhone: ' 01 23 45 67 89 ',
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setMyWorkPhone.workPhone).toBe('01 23 45 67 89');

    const seen = await follower.execute<{ person: { team: TeamContact[] } }>(TEAM, {
      id: personId,
    });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.person.team.find((m) => m.accountId === referent.id)).toEqual({
      accountId: referent.id,
      workEmail: referent.email,
      workPhone: '01 23 45 67 89',
    });
  });

  it('refuses a number that is not French, naming the field; nothing is written', async () => {
    const refused = await referent.client.execute(SET, { workPhone: '12345' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      fields: [{ field: 'workPhone', rule: 'FORMAT' }],
    });
    expect(refused.errors?.[0]?.message).toMatch(/workPhone/);
    expect(await storedPhone()).toBe('01 23 45 67 89');
  });

  it('clears it with a blank value', async () => {
    const cleared = await referent.client.execute<{ setMyWorkPhone: { workPhone: null } }>(SET, {
      workPhone: '',
    });
    expect(cleared.data?.setMyWorkPhone.workPhone).toBeNull();
    expect(await storedPhone()).toBeNull();
  });
});

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { clientSecret client { id name scopes territoryId structureId } } }`;

interface Credentials {
  clientSecret: string;
  client: { id: string; scopes: string[] };
}

describe('partner API clients', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let otherTerritory: TerritoryEntity;
  let admin: GraphqlHttpClient;

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    otherTerritory = await createTerritory(relais.dataSource);
    const account = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory },
    ]);
    admin = await relais.graphqlAs(account.id);
  });

  afterAll(async () => {
    await relais.close();
  });

  const token = async (body: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${relais.baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: (await response.json()) as Record<string, string>,
    };
  };

  async function newClient(scopes = ['persons:read', 'events:read']): Promise<Credentials> {
    const created = await admin.data<{ createApiClient: Credentials }>(CREATE, {
      input: { name: 'Logiciel du Département', territoryId: territory.id, scopes },
    });
    return created.createApiClient;
  }

  it('creates a client whose secret is shown once and kept only as a hash', async () => {
    const { client, clientSecret } = await newClient();
    expect(clientSecret).toMatch(/^rls_[A-Za-z0-9_-]{43}$/);
    const [row] = await relais.dataSource.query<{ secret_hash: string }[]>(
      'SELECT secret_hash FROM api_client WHERE id = $1',
      [client.id],
    );
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.secret_hash).not.toContain(clientSecret);
    const listed = await admin.data<{ apiClients: Record<string, unknown>[] }>(
      `query($id: ID!) { apiClients(territoryId: $id) { id scopes } }`,
      { id: territory.id },
    );
    expect(listed.apiClients).toContainEqual({
      id: client.id,
      scopes: ['persons:read', 'events:read'],
    });
    expect(JSON.stringify(listed)).not.toContain(clientSecret);
  });

  it('grants a token by client credentials (form body or HTTP Basic), within its scopes', async () => {
    const { client, clientSecret } = await newClient();
    const byBody = await token({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: clientSecret,
      scope: 'events:read',
    });
    expect(byBody).toMatchObject({
      status: 200,
      cacheControl: 'no-store',
      body: { token_type: 'Bearer', expires_in: 900, scope: 'events:read' },
    });
    const basic = Buffer.from(`${client.id}:${clientSecret}`).toString('base64');
    const byBasic = await token(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(byBasic.body.scope).toBe('persons:read events:read');

    const tooMuch = await token({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: clientSecret,
      scope: 'sensitive:read',
    });
    expect(tooMuch).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('refuses a wrong secret, an unknown client and another grant, in OAuth2 terms', async () => {
    const { client } = await newClient();
    expect(
      await token({
        grant_type: 'client_credentials',
        client_id: client.id,
        client_secret: 'rls_wrong',
      }),
    ).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(
      await token({ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' }),
    ).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await token({ grant_type: 'password', username: 'a', password: 'b' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });

  it('lets a client token read its territory and nothing of people’s admin', async () => {
    const { client, clientSecret } = await newClient();
    const issued = await token({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: clientSecret,
    });
    const asClient = relais.graphql.withHeaders({
      authorization: `Bearer ${issued.body.access_token}`,
    });
    await createStructure(relais.dataSource, territory);
    const own = await asClient.execute<{ structures: unknown[] }>(
      `query($id: ID!) { structures(territoryId: $id) { id } }`,
      { id: territory.id },
    );
    expect(own.errors).toBeUndefined();
    const foreign = await asClient.execute(
      `query($id: ID!) { structures(territoryId: $id) { id } }`,
      {
        id: otherTerritory.id,
      },
    );
    expect(foreign.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' });
    const me = await asClient.execute('{ me { email } }');
    expect(me.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'ACCOUNT_REQUIRED' });
    const adminOperation = await asClient.execute(CREATE, {
      input: { name: 'Rogue', territoryId: territory.id, scopes: ['persons:read'] },
    });
    expect(adminOperation.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_ALLOWED',
    });
  });

  it('rotating the secret retires the old secret and its tokens; revoking closes the client out', async () => {
    const { client, clientSecret } = await newClient();
    const first = await token({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: clientSecret,
    });
    const wsClient = createGraphqlWsClient(
      relais.baseUrl,
      { authorization: `Bearer ${first.body.access_token}` },
      { lazy: false },
    );
    expect((await wsClient.execute('{ apiInfo { name } }')).errors).toBeUndefined();

    const rotated = await admin.data<{ rotateApiClientSecret: { clientSecret: string } }>(
      `mutation($id: ID!) { rotateApiClientSecret(id: $id) { clientSecret } }`,
      { id: client.id },
    );
    expect((await wsClient.closed).code).toBe(4403);
    const stale = relais.graphql.withHeaders({
      authorization: `Bearer ${first.body.access_token}`,
    });
    expect(
      (
        await stale.execute(`query($id: ID!) { structures(territoryId: $id) { id } }`, {
          id: territory.id,
        })
      ).errors?.[0]?.extensions,
    ).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_INVALID',
    });
    expect(
      (
        await token({
          grant_type: 'client_credentials',
          client_id: client.id,
          client_secret: clientSecret,
        })
      ).status,
    ).toBe(401);
    const fresh = await token({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: rotated.rotateApiClientSecret.clientSecret,
    });
    expect(fresh.status).toBe(200);

    await admin.data(`mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }`, {
      id: client.id,
    });
    const revoked = relais.graphql.withHeaders({
      authorization: `Bearer ${fresh.body.access_token}`,
    });
    expect(
      (
        await revoked.execute(`query($id: ID!) { structures(territoryId: $id) { id } }`, {
          id: territory.id,
        })
      ).errors?.[0]?.extensions,
    ).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_INVALID',
    });
    await wsClient.close();
  });

  it('refuses unknown scopes and clients of another territory', async () => {
    const unknown = await admin.execute(CREATE, {
      input: { name: 'Bad', territoryId: territory.id, scopes: ['everything'] },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'scopes',
    });
    const foreign = await admin.execute(CREATE, {
      input: { name: 'Elsewhere', territoryId: otherTerritory.id, scopes: ['persons:read'] },
    });
    expect(foreign.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' });
    const professional = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure: await createStructure(relais.dataSource, territory) },
    ]);
    const asProfessional = await relais.graphqlAs(professional.id);
    const refused = await asProfessional.execute(CREATE, {
      input: { name: 'Mine', territoryId: territory.id, scopes: ['persons:read'] },
    });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' });
  });
});
