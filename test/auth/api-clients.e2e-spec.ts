import { Role } from '@relais/identity';
import {
  createAccount,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import type { TerritoryEntity } from '@relais/organizations';
import { startRelais } from '../support/app.js';

const CREATE = `mutation($input: CreateApiClientInput!) {
  createApiClient(input: $input) { clientSecret client { id name scopes territoryId structureId } } }`;

interface Credentials {
  clientSecret: string;
  client: { id: string; scopes: string[] };
}

describe('partner API clients', () => {
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
