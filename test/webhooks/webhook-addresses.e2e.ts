import { createServer, type Server } from 'node:net';
import { Role, type ApiClientEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const SET = `mutation($clientId: ID!, $url: String) {
  setApiClientWebhook(clientId: $clientId, url: $url) { webhookSecret client { id webhookUrl } }
}`;
const LOG = `query($clientId: ID!) {
  webhookDeliveries(clientId: $clientId) {
    edges { node { eventId status attempts lastStatusCode lastError } }
  }
}`;
const REQUEST = `mutation($input: RequestToJoinTeamInput!) { requestToJoinTeam(input: $input) { id } }`;

const until = waitUntil;

/** A server on 127.0.0.1 that only counts the connections it gets. */
class Listener {
  connections = 0;
  port = 0;
  private readonly server: Server = createServer((socket) => {
    this.connections += 1;
    socket.destroy();
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Without WEBHOOK_ALLOW_PRIVATE_ADDRESSES, as in production: no webhook reaches inside the
 * network, neither by the URL an admin sets nor by what its name resolves to when sending.
 */
describe('webhooks: no endpoint inside the network', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let franceTravail: StructureEntity;
  let person: PersonEntity;
  let admin: GraphqlHttpClient;
  const listeners: Listener[] = [];
  const allowPrivate = process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;

  beforeAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    const departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    franceTravail = await createStructure(ds, territory, { type: StructureType.FRANCE_TRAVAIL });
    person = await createPerson(ds, territory);
    const referent = await createAccount(ds);
    const membership = await addMembership(ds, referent, {
      role: Role.PROFESSIONAL,
      structure: departement,
    });
    await addTeamMember(ds, person, referent, membership, TeamRole.REFERENT);
    admin = await relais.graphqlAs(
      (await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }])).id,
    );
  });

  afterEach(async () => {
    await Promise.all(listeners.splice(0).map((listener) => listener.stop()));
  });

  afterAll(async () => {
    await relais.close();
    if (allowPrivate !== undefined) process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = allowPrivate;
  });

  const listen = async (): Promise<Listener> => {
    const listener = await new Listener().start();
    listeners.push(listener);
    return listener;
  };

  it('refuses a URL whose host is, or resolves to, a non-public address, naming why, and writes nothing', async () => {
    const { port } = await listen();
    const client = await createApiClient(relais.dataSource, territory, ['events:read']);
    for (const [url, message] of [
      [
        `https://127.0.0.1:${port}/hook`,
        'url must point to a public address, not a loopback address',
      ],
      ['https://2130706433/hook', 'url must point to a public address, not a loopback address'],
      ['https://0177.0.0.1/hook', 'url must point to a public address, not a loopback address'],
      [
        'https://[::ffff:127.0.0.1]/hook',
        'url must point to a public address, not a loopback address',
      ],
      ['https://[::1]/hook', 'url must point to a public address, not a loopback address'],
      [
        'https://169.254.169.254/latest',
        'url must point to a public address, not a link-local address',
      ],
      [
        'https://10.0.0.1/hook',
        'url must point to a public address, not a private network address',
      ],
      ['https://[fd00::1]/hook', 'url must point to a public address, not a unique-local address'],
      [
        `https://localhost:${port}/hook`,
        'url must point to a public address: its host name resolves to a loopback address',
      ],
      [`http://127.0.0.1:${port}/hook`, 'url must be an https:// URL'],
    ]) {
      const refused = await admin.execute(SET, { clientId: client.id, url });
      expect({ url, message: refused.errors?.[0]?.message }).toEqual({ url, message });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
      });
    }
    const [row] = await relais.dataSource.query<{ webhook_url: string | null }[]>(
      'SELECT webhook_url FROM api_client WHERE id = $1',
      [client.id],
    );
    expect(row.webhook_url).toBeNull();
    const audit = await relais.dataSource.query<unknown[]>(
      'SELECT 1 FROM admin_audit_event WHERE subject_id = $1',
      [client.id],
    );
    expect(audit).toEqual([]);
  });

  it('refuses at connection time a host name that now resolves to 127.0.0.1, without connecting', async () => {
    const listener = await listen();
    const client: ApiClientEntity = await createApiClient(relais.dataSource, territory, [
      'events:read',
      'persons:read',
    ]);
    // As if `localhost` had been a partner's name, resolving to a public address when the admin
    // set it and re-pointed since (DNS rebinding): the URL is in place, /etc/hosts now says
    // 127.0.0.1, where something listens.
    await relais.dataSource.query(
      `UPDATE api_client SET webhook_url = $2, webhook_secret = $3 WHERE id = $1`,
      [
        client.id,
        `https://localhost:${listener.port}/hook`,
        `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
      ],
    );
    const requester = await createAccount(relais.dataSource);
    await addMembership(relais.dataSource, requester, {
      role: Role.PROFESSIONAL,
      structure: franceTravail,
    });
    const as = await relais.graphqlAs(requester.id);
    await as.data(REQUEST, { input: { personId: person.id, reason: 'Suivi emploi' } });

    type Log = {
      webhookDeliveries: {
        edges: {
          node: { attempts: number; lastStatusCode: number | null; lastError: string | null };
        }[];
      };
    };
    const attempted = await until(async () => {
      const log = await admin.data<Log>(LOG, { clientId: client.id });
      const node = log.webhookDeliveries.edges[0]?.node;
      return node && node.attempts >= 1 ? node : null;
    });
    expect(attempted).toMatchObject({
      lastStatusCode: null,
      lastError: 'the endpoint does not resolve to a public address: not connected',
    });
    expect(listener.connections).toBe(0);
  });
});
