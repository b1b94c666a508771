import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { Global, Module } from '@nestjs/common';
import { Role, type ApiClientEntity } from '@relais/identity';
import { WEBHOOK_OPTIONS, type WebhookOptions } from '@relais/notifications';
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
  startTestApp,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { Webhook } from 'standardwebhooks';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { startFromEmptyTables } from '../support/app.js';

const SET = `mutation($clientId: ID!, $url: String) {
  setApiClientWebhook(clientId: $clientId, url: $url) { webhookSecret client { id webhookUrl } }
}`;
const ROTATE = `mutation($clientId: ID!) {
  rotateApiClientWebhookSecret(clientId: $clientId) { webhookSecret client { webhookUrl } }
}`;
const LOG = `query($clientId: ID!, $first: Int, $after: String, $status: WebhookDeliveryStatus) {
  webhookDeliveries(clientId: $clientId, first: $first, after: $after, status: $status) {
    edges { cursor node { id clientId eventId eventType status attempts lastStatusCode lastError deliveredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status attempts } }`;
const REQUEST = `mutation($input: RequestToJoinTeamInput!) { requestToJoinTeam(input: $input) { id } }`;
const CLIENTS = `query($territoryId: ID!) { apiClients(territoryId: $territoryId) { id webhookUrl } }`;

/** Short waits, so retries happen within a test: 4 attempts, then FAILED. */
const TEST_SCHEDULE: Partial<WebhookOptions> = {
  retryDelaysMs: [100, 200, 300],
  pollIntervalMs: 50,
  timeoutMs: 2_000,
};

@Global()
@Module({
  providers: [{ provide: WEBHOOK_OPTIONS, useValue: TEST_SCHEDULE }],
  exports: [WEBHOOK_OPTIONS],
})
class ShortWebhookSchedule {}

@Module({ imports: [AppModule, ShortWebhookSchedule] })
class RelaisWithShortWebhookSchedule {}

interface Received {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly at: number;
}

/** A partner's endpoint: records what it gets and answers the statuses planned for a path. */
class Receiver {
  readonly received: Received[] = [];
  private readonly plans = new Map<string, number[]>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      this.received.push({
        path,
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const status = this.plans.get(path)?.shift() ?? 200;
      // A redirect points at another path here: a client that followed it would post there.
      const location = status >= 300 && status < 400 ? { location: `${path}/moved-to` } : {};
      response.writeHead(status, location).end();
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** The next answers on this path, in order (then 200). */
  plan(path: string, statuses: number[]): void {
    this.plans.set(path, [...statuses]);
  }

  of(path: string, eventId: string): Received[] {
    return this.received.filter((r) => r.path === path && r.headers['webhook-id'] === eventId);
  }

  /** Waits until this path got this event this many times. */
  async got(path: string, eventId: string, times = 1): Promise<Received[]> {
    return until(() => {
      const received = this.of(path, eventId);
      return received.length >= times ? received : null;
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 that nothing listens on: a server's, once it has closed. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A port on 127.0.0.1 that accepts connections and then resets them, or holds them without a
 * word (`silent`): open, but no HTTP endpoint. Counts the connections it got.
 */
class OpenPort {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: TcpServer;
  port = 0;

  constructor(private readonly behaviour: 'reset' | 'silent') {
    this.server = createTcpServer((socket) => {
      this.connections += 1;
      if (this.behaviour === 'reset') {
        socket.resetAndDestroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const until = waitUntil;

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

describe('webhooks: partner endpoints receive signed events, retried until delivered', () => {
  startFromEmptyTables();
  let relais: TestApp;
  const receiver = new Receiver();
  let territory: TerritoryEntity;
  let elsewhere: TerritoryEntity;
  let franceTravail: StructureEntity;
  let person: PersonEntity;
  let admin: GraphqlHttpClient;
  let otherAdmin: GraphqlHttpClient;
  let professional: GraphqlHttpClient;
  let partner: ApiClientEntity;
  let partnerElsewhere: ApiClientEntity;
  let secret: string;
  const scopes = ['events:read', 'persons:read'];

  const setWebhook = async (
    as: GraphqlHttpClient,
    client: ApiClientEntity,
    path: string,
  ): Promise<string> => {
    const result = await as.data<{ setApiClientWebhook: { webhookSecret: string } }>(SET, {
      clientId: client.id,
      url: `${receiver.url}${path}`,
    });
    return result.setApiClientWebhook.webhookSecret;
  };

  const deliveryOf = async (client: ApiClientEntity, eventId: string): Promise<DeliveryRow[]> =>
    relais.dataSource.query<DeliveryRow[]>(
      `SELECT id, status, attempts, last_status_code, last_error FROM webhook_delivery
       WHERE client_id = $1 AND event_id = $2`,
      [client.id, eventId],
    );

  /**
   * A professional of the territory asks to join the person's team: the mutation writes one
   * `team.join_requested` event, which the dispatcher numbers and queues for the webhooks.
   */
  const joinRequested = async (): Promise<string> => {
    const requester = await createAccount(relais.dataSource);
    await addMembership(relais.dataSource, requester, {
      role: Role.PROFESSIONAL,
      structure: franceTravail,
    });
    const as = await relais.graphqlAs(requester.id);
    await as.data(REQUEST, { input: { personId: person.id, reason: 'Suivi emploi' } });
    const [event] = await until(() =>
      relais.dataSource
        .query<{ id: string }[]>(
          `SELECT id FROM outbox_event
           WHERE type = 'team.join_requested' AND actor_account_id = $1 AND position IS NOT NULL`,
          [requester.id],
        )
        .then((rows) => (rows.length > 0 ? rows : null)),
    );
    return event.id;
  };

  /** A partner of the territory whose admin set its endpoint at this path: only its events. */
  const partnerAt = async (path: string): Promise<{ client: ApiClientEntity; secret: string }> => {
    const client = await createApiClient(relais.dataSource, territory, scopes);
    return { client, secret: await setWebhook(admin, client, path) };
  };

  const statusIs =
    (client: ApiClientEntity, eventId: string, status: string) => async (): Promise<boolean> =>
      (await deliveryOf(client, eventId))[0]?.status === status;

  // Partners' endpoints here are receivers on 127.0.0.1: allowed by the explicit setting.
  const allowPrivate = process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
  const openPorts: OpenPort[] = [];

  beforeAll(async () => {
    await receiver.start();
    process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
    relais = await startTestApp({
      module: RelaisWithShortWebhookSchedule,
      configure: configureApp,
    });
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    elsewhere = await createTerritory(ds);
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
    otherAdmin = await relais.graphqlAs(
      (await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory: elsewhere }])).id,
    );
    professional = await relais.graphqlAs(
      (await createAccount(ds, [{ role: Role.PROFESSIONAL, structure: departement }])).id,
    );
    ({ client: partner, secret } = await partnerAt('/partner'));
    partnerElsewhere = await createApiClient(ds, elsewhere, scopes);
    await setWebhook(otherAdmin, partnerElsewhere, '/elsewhere');
  });

  afterAll(async () => {
    await relais.close();
    await receiver.stop();
    if (allowPrivate === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
    else process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = allowPrivate;
  });

  afterEach(async () => {
    await Promise.all(openPorts.splice(0).map((port) => port.stop()));
  });

  it('gives a territory admin the signing secret once, records the change and shows the URL', async () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const clients = await admin.data<{ apiClients: { id: string; webhookUrl: string | null }[] }>(
      CLIENTS,
      { territoryId: territory.id },
    );
    expect(clients.apiClients.find((c) => c.id === partner.id)?.webhookUrl).toBe(
      `${receiver.url}/partner`,
    );
    // Setting the URL again keeps the secret the partner holds: none is shown.
    const again = await admin.data<{ setApiClientWebhook: { webhookSecret: string | null } }>(SET, {
      clientId: partner.id,
      url: `${receiver.url}/partner`,
    });
    expect(again.setApiClientWebhook.webhookSecret).toBeNull();
    const audit = await relais.dataSource.query<{ action: string }[]>(
      `SELECT action, after FROM admin_audit_event WHERE subject_id = $1 ORDER BY occurred_at`,
      [partner.id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'api_client.set_webhook',
      'api_client.set_webhook',
    ]);
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('posts a correctly signed event to the partner of the territory, and nothing elsewhere', async () => {
    const eventId = await joinRequested();
    const [message] = await receiver.got('/partner', eventId);
    expect(message.headers['content-type']).toBe('application/json');
    const verified = new Webhook(secret).verify(message.body, {
      'webhook-id': message.headers['webhook-id'],
      'webhook-timestamp': message.headers['webhook-timestamp'],
      'webhook-signature': message.headers['webhook-signature'],
    }) as { type: string; timestamp: string; data: { structureIds: string[] } };
    const [event] = await relais.dataSource.query<{ position: string; occurred_at: Date }[]>(
      'SELECT position, occurred_at FROM outbox_event WHERE id = $1',
      [eventId],
    );
    expect(verified).toMatchObject({
      type: 'team.join_requested',
      timestamp: event.occurred_at.toISOString(),
      data: {
        id: eventId,
        position: event.position,
        type: 'team.join_requested',
        occurredAt: event.occurred_at.toISOString(),
        territoryId: territory.id,
        personId: person.id,
        payload: { personId: person.id },
      },
    });
    expect(verified.data.structureIds).toContain(franceTravail.id);
    const stranger = new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`);
    expect(() => stranger.verify(message.body, message.headers)).toThrow();

    await until(statusIs(partner, eventId, 'DELIVERED'));
    expect((await deliveryOf(partner, eventId))[0]).toMatchObject({
      attempts: 1,
      last_status_code: 200,
      last_error: null,
    });
    expect(await deliveryOf(partnerElsewhere, eventId)).toEqual([]);
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toEqual([]);
  });

  it('retries a failing endpoint with backoff until it answers 2xx', async () => {
    const { client: flaky } = await partnerAt('/flaky');
    receiver.plan('/flaky', [500, 500, 200]);
    const eventId = await joinRequested();
    await until(statusIs(flaky, eventId, 'DELIVERED'));
    expect((await deliveryOf(flaky, eventId))[0]).toMatchObject({
      attempts: 3,
      last_status_code: 200,
      last_error: null,
    });
    const attempts = receiver.of('/flaky', eventId);
    expect(attempts).toHaveLength(3);
    // The same message each time (one webhook-id, one body), after the scheduled waits.
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(190);
  });

  it('gives up after the last attempt: FAILED, with the last answer', async () => {
    const { client: down } = await partnerAt('/down');
    receiver.plan('/down', [500, 502, 503, 504, 500]);
    const eventId = await joinRequested();
    await until(statusIs(down, eventId, 'FAILED'));
    expect((await deliveryOf(down, eventId))[0]).toMatchObject({
      attempts: 4,
      last_status_code: 504,
      last_error: 'the endpoint answered HTTP 504',
    });
    expect(receiver.of('/down', eventId)).toHaveLength(4);
  });

  it('does not follow a redirect: the attempt failed, and says why', async () => {
    const { client: moved } = await partnerAt('/moved');
    receiver.plan('/moved', [308, 308, 308, 308]);
    const eventId = await joinRequested();
    await until(statusIs(moved, eventId, 'FAILED'));
    expect((await deliveryOf(moved, eventId))[0]).toMatchObject({
      attempts: 4,
      last_status_code: 308,
      last_error: 'the endpoint answered HTTP 308 (redirects are not followed)',
    });
    expect(receiver.of('/moved', eventId)).toHaveLength(4);
    expect(receiver.received.filter((r) => r.path === '/moved/moved-to')).toEqual([]);
  });

  it('shows the delivery log to the territory admin only, newest first, by status', async () => {
    const { client: logged } = await partnerAt('/logged');
    const older = await joinRequested();
    await until(statusIs(logged, older, 'DELIVERED'));
    receiver.plan('/logged', [500, 500, 500, 500]);
    const newer = await joinRequested();
    await until(statusIs(logged, newer, 'FAILED'));
    type Log = {
      webhookDeliveries: {
        edges: { node: { eventId: string; status: string; eventType: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const log = await admin.data<Log>(LOG, { clientId: logged.id, first: 1 });
    expect(log.webhookDeliveries.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        eventId: newer,
        status: 'FAILED',
        eventType: 'team.join_requested',
      }),
    ]);
    expect(log.webhookDeliveries.pageInfo.hasNextPage).toBe(true);
    const next = await admin.data<Log>(LOG, {
      clientId: logged.id,
      first: 10,
      after: log.webhookDeliveries.pageInfo.endCursor,
    });
    expect(next.webhookDeliveries.edges.map((e) => e.node.eventId)).toEqual([older]);
    expect(next.webhookDeliveries.pageInfo.hasNextPage).toBe(false);
    const delivered = await admin.data<Log>(LOG, { clientId: logged.id, status: 'DELIVERED' });
    expect(delivered.webhookDeliveries.edges.map((e) => e.node.eventId)).toEqual([older]);

    for (const as of [professional, otherAdmin]) {
      const refused = await as.execute(LOG, { clientId: logged.id });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const forged = await admin.execute(LOG, { clientId: logged.id, after: 'bm90IGEgY3Vyc29y' });
    expect(forged.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('redelivers a delivery on request, with a fresh schedule', async () => {
    const eventId = await joinRequested();
    await until(statusIs(partner, eventId, 'DELIVERED'));
    const [delivery] = await deliveryOf(partner, eventId);
    for (const as of [professional, otherAdmin]) {
      const refused = await as.execute(REDELIVER, { id: delivery.id });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const again = await admin.data<{ redeliverWebhook: { status: string; attempts: number } }>(
      REDELIVER,
      { id: delivery.id },
    );
    expect(again.redeliverWebhook).toMatchObject({ status: 'PENDING', attempts: 0 });
    const [first, second] = await receiver.got('/partner', eventId, 2);
    expect(second.body).toBe(first.body);
    await until(statusIs(partner, eventId, 'DELIVERED'));
    expect((await deliveryOf(partner, eventId))[0].attempts).toBe(1);
  });

  it('signs with a rotated secret at once, and only the territory admin rotates it', async () => {
    const { client, secret: before } = await partnerAt('/rotated');
    const rotated = await admin.data<{ rotateApiClientWebhookSecret: { webhookSecret: string } }>(
      ROTATE,
      { clientId: client.id },
    );
    const after = rotated.rotateApiClientWebhookSecret.webhookSecret;
    expect(after).toMatch(/^whsec_/);
    expect(after).not.toBe(before);
    const eventId = await joinRequested();
    const [message] = await receiver.got('/rotated', eventId);
    expect(() => new Webhook(after).verify(message.body, message.headers)).not.toThrow();
    expect(() => new Webhook(before).verify(message.body, message.headers)).toThrow();
    const refused = await otherAdmin.execute(ROTATE, { clientId: client.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('drops the deliveries of a client revoked since they were queued, and queues none after', async () => {
    const { client: revoked } = await partnerAt('/revoked');
    const eventId = await joinRequested();
    await until(statusIs(revoked, eventId, 'DELIVERED'));
    await relais.dataSource.query(`UPDATE api_client SET revoked_at = now() WHERE id = $1`, [
      revoked.id,
    ]);
    // As if the delivery had been queued just before the revocation.
    await relais.dataSource.query(
      `UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now()
       WHERE client_id = $1 AND event_id = $2`,
      [revoked.id, eventId],
    );
    await until(statusIs(revoked, eventId, 'FAILED'));
    expect((await deliveryOf(revoked, eventId))[0]).toMatchObject({
      attempts: 1,
      last_error: 'the client was revoked',
    });
    expect(receiver.of('/revoked', eventId)).toHaveLength(1);
    const later = await joinRequested();
    await until(statusIs(partner, later, 'DELIVERED'));
    expect(await deliveryOf(revoked, later)).toEqual([]);
  });

  it('refuses an endpoint that is not an https URL (http only to the loopback, with the setting)', async () => {
    for (const url of [
      'not a url',
      'http://partner.example/hook',
      'http://10.0.0.1/hook',
      'https://u:p@partner.example/',
    ]) {
      const refused = await admin.execute(SET, { clientId: partner.id, url });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
      });
    }
    const tooLong = await admin.execute(SET, {
      clientId: partner.id,
      url: `https://partner.example/${'a'.repeat(500)}`,
    });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const as of [professional, otherAdmin]) {
      const refused = await as.execute(SET, {
        clientId: partner.id,
        url: 'https://partner.example/hook',
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('shows the admin the same error for a closed port and open ones that are no HTTP endpoint', async () => {
    const reset = await new OpenPort('reset').start();
    const silent = await new OpenPort('silent').start();
    openPorts.push(reset, silent);
    const targets = [await closedPort(), reset.port, silent.port];
    const clients: ApiClientEntity[] = [];
    for (const port of targets) {
      const client = await createApiClient(relais.dataSource, territory, scopes);
      await admin.data(SET, { clientId: client.id, url: `http://127.0.0.1:${port}/hook` });
      clients.push(client);
    }
    const eventId = await joinRequested();
    type Log = {
      webhookDeliveries: {
        edges: { node: { eventId: string; lastStatusCode: number | null; lastError: string } }[];
      };
    };
    // What the admin reads once each has failed at least once (the silent one after its timeout).
    const errors = await Promise.all(
      clients.map((client) =>
        until(async () => {
          const log = await admin.data<Log>(LOG, { clientId: client.id });
          const node = log.webhookDeliveries.edges.find((e) => e.node.eventId === eventId)?.node;
          return node?.lastError ? node : null;
        }),
      ),
    );
    expect(reset.connections).toBeGreaterThan(0);
    expect(silent.connections).toBeGreaterThan(0);
    expect(errors.map((node) => [node.lastStatusCode, node.lastError])).toEqual(
      targets.map(() => [null, 'could not connect to the endpoint, or it did not answer in time']),
    );
  });

  it('queues nothing for a client whose endpoint was removed', async () => {
    const { client: removed } = await partnerAt('/removed');
    const cleared = await admin.data<{
      setApiClientWebhook: { webhookSecret: string | null; client: { webhookUrl: string | null } };
    }>(SET, { clientId: removed.id, url: null });
    expect(cleared.setApiClientWebhook).toMatchObject({
      webhookSecret: null,
      client: { webhookUrl: null },
    });
    const eventId = await joinRequested();
    await until(statusIs(partner, eventId, 'DELIVERED'));
    expect(await deliveryOf(removed, eventId)).toEqual([]);
    const rotate = await admin.execute(ROTATE, { clientId: removed.id });
    expect(rotate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
