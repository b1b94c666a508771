import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Global, Module } from '@nestjs/common';
import { AccessTokenService, type ApiClientEntity, Role } from '@relais/identity';
import { WEBHOOK_OPTIONS, type WebhookOptions } from '@relais/notifications';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  connectSocket,
  createAccount,
  createApiClient,
  createGraphqlWsClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type GraphqlWsClient,
  startTestApp,
  type TestApp,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { Webhook } from 'standardwebhooks';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import {
  type Caseworker,
  caseworkerOf,
  eventually,
  INBOX,
  type Inbox,
  inboxRowsPerRecipient,
  nextEvent,
  nextOrTimeout,
  NOTIFICATION_FIELDS,
  type NotificationNode,
  record,
} from '../notifications/notification-support.js';
import { startFromEmptyTables } from '../support/app.js';

const PROPOSE = `mutation($input: ProposeHandoverInput!) {
  proposeHandover(input: $input) { id status toAccount { id } }
}`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) {
  acceptHandover(input: $input) { id status newReferent { id } decidedBy { id } }
}`;
const SET_WEBHOOK = `mutation($clientId: ID!, $url: String) {
  setApiClientWebhook(clientId: $clientId, url: $url) { webhookSecret }
}`;
const EVENTS = `subscription($after: String, $types: [String!]) {
  events(after: $after, types: $types) {
    id position type occurredAt territoryId structureIds personId payload
  }
}`;
const NOTIFICATION_ADDED = `subscription { notificationAdded { ${NOTIFICATION_FIELDS} } }`;

/** Free text that must stay with the parties: never in a partner's event or webhook. */
const REASON = 'Projet professionnel prêt : accompagnement renforcé vers l’emploi.';

/** Short waits, so retries happen within a test (as in test/webhooks): 4 attempts. */
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

interface PartnerEvent {
  id: string;
  position: string;
  type: string;
  occurredAt: string;
  territoryId: string;
  structureIds: string[];
  personId: string | null;
  payload: Record<string, unknown>;
}
type StreamResult = { data?: { events: PartnerEvent } | null; errors?: readonly unknown[] };
type SocketNotification = NotificationNode & { accountId: string };

interface Received {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly at: number;
}

/**
 * Partners' endpoints on one local server: records every request; a path set to fail first
 * answers 500 to the first attempt of each message (by webhook-id), then 200.
 */
class Receiver {
  readonly received: Received[] = [];
  private readonly failingFirst = new Set<string>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
      );
      const first = this.of(path, headers['webhook-id']).length === 0;
      this.received.push({
        path,
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      response.writeHead(first && this.failingFirst.has(path) ? 500 : 200).end();
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  failFirstAttempts(path: string): void {
    this.failingFirst.add(path);
  }

  of(path: string, eventId: string): Received[] {
    return this.received.filter((r) => r.path === path && r.headers['webhook-id'] === eventId);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Reads a stream until an event satisfies `last`, and gives every event read; fails when the
 * stream ends or nothing comes within the timeout.
 */
async function readUntil(
  stream: AsyncIterator<StreamResult>,
  last: (event: PartnerEvent) => boolean,
  timeoutMs = 10_000,
): Promise<PartnerEvent[]> {
  const events: PartnerEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await nextOrTimeout(stream, Math.max(1, deadline - Date.now()));
    if (result === 'timeout') {
      throw new Error(`the stream stopped after ${JSON.stringify(events.map((e) => e.type))}`);
    }
    if (result.done) throw new Error('the stream ended');
    if (!result.value.data) throw new Error(`stream error: ${JSON.stringify(result.value)}`);
    events.push(result.value.data.events);
    if (last(result.value.data.events)) return events;
  }
}

interface DeliveryRow {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

/**
 * DOMAIN.md's handover, end to end through every channel: a referent proposes, the target
 * structure's admin is told live (socket.io and notificationAdded), accepts naming the new
 * referent; the former and new referents and the team are told; partner systems of the
 * territory get both events (stream and signed webhooks, retried when refused) and nothing
 * reaches a partner of another territory.
 */
describe('a handover end to end: caseworkers live, partners by stream and webhook', () => {
  startFromEmptyTables();
  let relais: TestApp;
  const receiver = new Receiver();
  let territory: TerritoryEntity;
  let elsewhere: TerritoryEntity;
  let territoryAdmin: GraphqlHttpClient;
  let partner: ApiClientEntity;
  let partnerSecret: string;
  let partnerElsewhere: ApiClientEntity;
  const scopes = ['events:read', 'handovers:read'];
  let closers: (() => unknown)[] = [];

  /** Each test's own structures, caseworkers and person, so tests do not depend on order. */
  interface Scene {
    departement: StructureEntity;
    missionLocale: StructureEntity;
    franceTravail: StructureEntity;
    referent: Caseworker;
    follower: Caseworker;
    targetAdmin: Caseworker;
    newReferent: Caseworker;
    person: PersonEntity;
  }

  const scene = async (): Promise<Scene> => {
    const ds = relais.dataSource;
    const departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
      name: `Département ${randomUUID().slice(0, 8)}`,
    });
    const missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
      name: `Mission locale ${randomUUID().slice(0, 8)}`,
    });
    const franceTravail = await createStructure(ds, territory, {
      type: StructureType.FRANCE_TRAVAIL,
    });
    const referent = await caseworkerOf(relais, departement);
    const follower = await caseworkerOf(relais, franceTravail);
    const targetAdmin = await caseworkerOf(relais, missionLocale, Role.STRUCTURE_ADMIN);
    const newReferent = await caseworkerOf(relais, missionLocale);
    const unique = randomUUID().slice(0, 8);
    const person = await createPerson(ds, territory, {
      givenName: 'Inès',
      familyName: `Kaddour ${unique}`,
      email: `ines.${unique}@example.test`,
      phone: '0612345678',
      addressLine: '12 rue des Olivettes',
      postalCode: '44000',
      city: 'Nantes',
    });
    await addTeamMember(ds, person, referent.account, referent.membership, TeamRole.REFERENT);
    await addTeamMember(ds, person, follower.account, follower.membership, TeamRole.FOLLOWER);
    return {
      departement,
      missionLocale,
      franceTravail,
      referent,
      follower,
      targetAdmin,
      newReferent,
      person,
    };
  };

  const socketOf = async (caseworker: Caseworker): Promise<Socket> => {
    const socket = await connectSocket(relais.baseUrl, { auth: { token: caseworker.token } });
    closers.push(() => socket.close());
    return socket;
  };

  const graphqlWsAs = (authorization: string): GraphqlWsClient => {
    const connection = createGraphqlWsClient(relais.baseUrl, { authorization }, { lazy: false });
    closers.push(() => connection.close());
    return connection;
  };

  const partnerConnection = async (client: ApiClientEntity): Promise<GraphqlWsClient> => {
    const token = await relais.app
      .get(AccessTokenService)
      .issueForClient(client.id, client.scopes, client.secretRotatedAt.getTime());
    return graphqlWsAs(`Bearer ${token}`);
  };

  /** The partner stream from the events dispatched so far on: what comes next. */
  const streamFromNow = async (client: ApiClientEntity): Promise<AsyncIterator<StreamResult>> => {
    const [{ head }] = await relais.dataSource.query<{ head: string }[]>(
      'SELECT COALESCE(max(position), 0)::text AS head FROM outbox_event',
    );
    const stream = (await partnerConnection(client)).subscribe(EVENTS, {
      after: head,
    }) as AsyncIterableIterator<StreamResult>;
    closers.push(() => stream.return?.());
    return stream;
  };

  const propose = async (s: Scene): Promise<string> => {
    const { proposeHandover } = await s.referent.client.data<{
      proposeHandover: { id: string; status: string; toAccount: { id: string } | null };
    }>(PROPOSE, {
      input: {
        personId: s.person.id,
        toStructureId: s.missionLocale.id,
        toAccountId: null,
        reason: REASON,
        personInformed: true,
      },
    });
    expect(proposeHandover).toMatchObject({ status: 'PROPOSED', toAccount: null });
    return proposeHandover.id;
  };

  const accept = async (s: Scene, handoverId: string): Promise<void> => {
    const { acceptHandover } = await s.targetAdmin.client.data<{
      acceptHandover: { status: string; newReferent: { id: string }; decidedBy: { id: string } };
    }>(ACCEPT, { input: { handoverId, newReferentAccountId: s.newReferent.account.id } });
    expect(acceptHandover).toEqual({
      id: handoverId,
      status: 'ACCEPTED',
      newReferent: { id: s.newReferent.account.id },
      decidedBy: { id: s.targetAdmin.account.id },
    });
  };

  /** The outbox event of this type for the handover, once the dispatcher numbered it. */
  const dispatched = async (handoverId: string, type: string): Promise<string> => {
    const [row] = await eventually(
      () =>
        relais.dataSource.query<{ id: string; position: string | null }[]>(
          `SELECT id, position FROM outbox_event WHERE type = $1 AND payload->>'handoverId' = $2`,
          [type, handoverId],
        ),
      (rows) => rows.length === 1 && rows[0].position !== null,
    );
    return row.id;
  };

  const deliveryOf = async (client: ApiClientEntity, eventId: string): Promise<DeliveryRow[]> =>
    relais.dataSource.query<DeliveryRow[]>(
      `SELECT status, attempts, last_status_code, last_error FROM webhook_delivery
        WHERE client_id = $1 AND event_id = $2`,
      [client.id, eventId],
    );

  const deliveredOnce = async (client: ApiClientEntity, eventId: string): Promise<DeliveryRow[]> =>
    eventually(
      () => deliveryOf(client, eventId),
      (rows) => rows[0]?.status === 'DELIVERED',
    );

  const setWebhook = async (
    as: GraphqlHttpClient,
    client: ApiClientEntity,
    path: string,
  ): Promise<string> => {
    const result = await as.data<{ setApiClientWebhook: { webhookSecret: string } }>(SET_WEBHOOK, {
      clientId: client.id,
      url: `${receiver.url}${path}`,
    });
    return result.setApiClientWebhook.webhookSecret;
  };

  /** Nothing a partner gets may say who the person is or why they are handed over. */
  const expectNothingSensitive = (event: unknown, person: PersonEntity): void => {
    const json = JSON.stringify(event);
    for (const text of [
      REASON,
      'Projet professionnel',
      person.givenName,
      person.familyName,
      person.email as string,
      person.phone as string,
      person.addressLine as string,
      person.birthDate,
    ]) {
      expect(json).not.toContain(text);
    }
    expect(json).not.toMatch(/"(reason|declineReason|givenName|familyName|birth\w*)"/);
  };

  // The partners' webhook receivers are on 127.0.0.1: allowed by the explicit setting.
  const allowPrivate = process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;

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
    territoryAdmin = await relais.graphqlAs(
      (await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }])).id,
    );
    const elsewhereAdmin = await relais.graphqlAs(
      (await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory: elsewhere }])).id,
    );
    partner = await createApiClient(ds, territory, scopes);
    partnerSecret = await setWebhook(territoryAdmin, partner, '/partner');
    partnerElsewhere = await createApiClient(ds, elsewhere, scopes);
    await setWebhook(elsewhereAdmin, partnerElsewhere, '/elsewhere');
  });

  afterEach(async () => {
    const closing = closers;
    closers = [];
    await Promise.all(closing.map((close) => close()));
  });

  afterAll(async () => {
    await relais?.close();
    await receiver.stop();
    if (allowPrivate === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
    else process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = allowPrivate;
  });

  it('proposes to a structure, its admin is told live and accepts; the referents and the team are told; the territory partner gets both events, streamed and signed', async () => {
    const s = await scene();
    const adminSocket = await socketOf(s.targetAdmin);
    const adminNotifications = record<SocketNotification>(adminSocket, 'notification');
    const sockets = {
      former: await socketOf(s.referent),
      new: await socketOf(s.newReferent),
      follower: await socketOf(s.follower),
    };
    const adminWs = graphqlWsAs(`Bearer ${s.targetAdmin.token}`);
    const added = adminWs.subscribe<{ notificationAdded: NotificationNode }>(NOTIFICATION_ADDED);
    closers.push(() => added.return?.());
    // The subscription is set up once the connection answered an operation sent after it.
    await adminWs.execute('{ apiInfo { name } }');
    const stream = await streamFromNow(partner);

    // 1. The referent proposes to the mission locale, naming no one.
    const pushed = nextEvent<SocketNotification>(
      adminSocket,
      'notification',
      (n) => n.type === 'handover.proposed',
    );
    const counted = nextEvent<{ count: number }>(adminSocket, 'unread-count');
    const handoverId = await propose(s);

    // 2. The target structure's admin is told at once: socket.io and the subscription.
    const live = await pushed;
    expect(live).toMatchObject({
      accountId: s.targetAdmin.account.id,
      type: 'handover.proposed',
      handoverId,
      readAt: null,
      person: { id: s.person.id, familyName: s.person.familyName, isMember: false },
      actor: {
        name: `${s.referent.account.givenName} ${s.referent.account.familyName}`,
        structure: { id: s.departement.id, name: s.departement.name },
      },
    });
    expect(await counted).toEqual({ count: 1 });
    const viaSubscription = await nextOrTimeout(added, 10_000);
    if (viaSubscription === 'timeout' || viaSubscription.done) {
      throw new Error('no notificationAdded for the proposal');
    }
    expect(viaSubscription.value.data?.notificationAdded).toMatchObject({
      id: live.id,
      eventId: live.eventId,
      cursor: live.cursor,
      type: 'handover.proposed',
      handoverId,
    });
    const proposedEventId = live.eventId;
    expect(await inboxRowsPerRecipient(relais, [proposedEventId])).toEqual([
      { account_id: s.targetAdmin.account.id, event_id: proposedEventId, rows: 1 },
    ]);

    // 3. The admin accepts, naming a professional of the structure as the new referent.
    const acceptedBy = (socket: Socket) =>
      nextEvent<SocketNotification>(
        socket,
        'notification',
        (n) => n.type === 'handover.accepted' && n.handoverId === handoverId,
      );
    const told = {
      former: acceptedBy(sockets.former),
      new: acceptedBy(sockets.new),
      follower: acceptedBy(sockets.follower),
    };
    await accept(s, handoverId);

    // 4. The former referent, the new one and the rest of the team are told live, once each.
    const tellings = {
      former: await told.former,
      new: await told.new,
      follower: await told.follower,
    };
    expect(tellings.former.accountId).toBe(s.referent.account.id);
    expect(tellings.new.accountId).toBe(s.newReferent.account.id);
    expect(tellings.follower.accountId).toBe(s.follower.account.id);
    const acceptedEventId = tellings.new.eventId;
    for (const notification of Object.values(tellings)) {
      expect(notification).toMatchObject({
        eventId: acceptedEventId,
        person: { id: s.person.id },
        actor: { structure: { id: s.missionLocale.id } },
      });
    }
    expect(await inboxRowsPerRecipient(relais, [acceptedEventId])).toEqual(
      [s.referent, s.newReferent, s.follower]
        .map((c) => ({ account_id: c.account.id, event_id: acceptedEventId, rows: 1 }))
        .sort((a, b) => a.account_id.localeCompare(b.account_id)),
    );
    for (const caseworker of [s.referent, s.newReferent, s.follower]) {
      const inbox = await caseworker.client.data<Inbox>(INBOX, { first: 10 });
      expect(
        inbox.notifications.edges.map((edge) => [edge.node.type, edge.node.handoverId]),
      ).toEqual([['handover.accepted', handoverId]]);
      expect(inbox.unreadNotificationCount).toBe(1);
    }
    // The admin acted: they are not told of their own answer.
    expect(adminNotifications.map((n) => n.type)).toEqual(['handover.proposed']);

    // 5. The partner of the territory streams both events, in order, ids and states only.
    const streamed = (
      await readUntil(stream, (e) => e.type === 'handover.accepted' && e.personId === s.person.id)
    ).filter((e) => e.personId === s.person.id);
    expect(streamed.map((e) => [e.id, e.type])).toEqual([
      [proposedEventId, 'handover.proposed'],
      [acceptedEventId, 'handover.accepted'],
    ]);
    expect(BigInt(streamed[1].position)).toBeGreaterThan(BigInt(streamed[0].position));
    // The outcome also names the team's structures, for partners scoped to one of them.
    const expectedStructures = [
      [s.departement.id, s.missionLocale.id],
      [s.departement.id, s.missionLocale.id, s.franceTravail.id],
    ];
    streamed.forEach((event, index) => {
      expect(event.territoryId).toBe(territory.id);
      expect([...new Set(event.structureIds)].sort()).toEqual(expectedStructures[index].sort());
      expectNothingSensitive(event, s.person);
    });
    const common = {
      handoverId,
      personId: s.person.id,
      fromStructureId: s.departement.id,
      toStructureId: s.missionLocale.id,
    };
    expect(streamed[0].payload).toEqual({ ...common, toAccountId: null, status: 'PROPOSED' });
    expect(streamed[1].payload).toEqual({
      ...common,
      newReferentAccountId: s.newReferent.account.id,
      status: 'ACCEPTED',
    });

    // 6. Its webhook endpoint gets both, signed with its secret, each delivered at once.
    for (const [index, eventId] of [proposedEventId, acceptedEventId].entries()) {
      const [delivery] = await deliveredOnce(partner, eventId);
      expect(delivery).toEqual({
        status: 'DELIVERED',
        attempts: 1,
        last_status_code: 200,
        last_error: null,
      });
      const messages = receiver.of('/partner', eventId);
      expect(messages).toHaveLength(1);
      const [message] = messages;
      const verified = new Webhook(partnerSecret).verify(message.body, {
        'webhook-id': message.headers['webhook-id'],
        'webhook-timestamp': message.headers['webhook-timestamp'],
        'webhook-signature': message.headers['webhook-signature'],
      }) as { type: string; data: PartnerEvent };
      const event = streamed[index];
      expect(verified).toMatchObject({
        type: event.type,
        data: {
          id: eventId,
          position: event.position,
          type: event.type,
          territoryId: territory.id,
          personId: s.person.id,
          payload: event.payload,
        },
      });
      expectNothingSensitive(message.body, s.person);
      const forged = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      expect(() => new Webhook(forged).verify(message.body, message.headers)).toThrow();
    }
  });

  it('sends nothing to a partner of another territory, by stream or webhook', async () => {
    const s = await scene();
    const stream = await streamFromNow(partner);
    const elsewhereConnection = await partnerConnection(partnerElsewhere);
    // From the very start of the feed: its territory has nothing, and must still have nothing.
    const elsewhereStream = elsewhereConnection.subscribe(EVENTS, {
      after: null,
    }) as AsyncIterableIterator<StreamResult>;
    closers.push(() => elsewhereStream.return?.());

    const handoverId = await propose(s);
    await accept(s, handoverId);
    const streamed = await readUntil(
      stream,
      (e) => e.type === 'handover.accepted' && e.payload.handoverId === handoverId,
    );
    expect(streamed.filter((e) => e.personId === s.person.id).map((e) => e.type)).toEqual([
      'handover.proposed',
      'handover.accepted',
    ]);
    const eventIds = [
      await dispatched(handoverId, 'handover.proposed'),
      await dispatched(handoverId, 'handover.accepted'),
    ];
    for (const eventId of eventIds) await deliveredOnce(partner, eventId);

    // The first partner has both; the other, subscribed the same way, gets nothing meanwhile.
    expect(await nextOrTimeout(elsewhereStream, 500)).toBe('timeout');
    for (const eventId of eventIds) {
      expect(await deliveryOf(partnerElsewhere, eventId)).toEqual([]);
      expect(receiver.of('/elsewhere', eventId)).toEqual([]);
    }
    expect(receiver.received.filter((r) => r.path === '/elsewhere')).toEqual([]);
  });

  it('retries a partner endpoint that fails the first attempt: DELIVERED after 2 attempts', async () => {
    const s = await scene();
    const flaky = await createApiClient(relais.dataSource, territory, scopes);
    const secret = await setWebhook(territoryAdmin, flaky, '/flaky');
    receiver.failFirstAttempts('/flaky');

    const handoverId = await propose(s);
    await accept(s, handoverId);
    for (const type of ['handover.proposed', 'handover.accepted']) {
      const eventId = await dispatched(handoverId, type);
      const [delivery] = await deliveredOnce(flaky, eventId);
      expect(delivery).toEqual({
        status: 'DELIVERED',
        attempts: 2,
        last_status_code: 200,
        last_error: null,
      });
      const attempts = receiver.of('/flaky', eventId);
      expect(attempts).toHaveLength(2);
      // The same signed message both times, after the scheduled wait.
      expect(attempts[1].body).toBe(attempts[0].body);
      expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(90);
      for (const attempt of attempts) {
        expect(
          (new Webhook(secret).verify(attempt.body, attempt.headers) as { type: string }).type,
        ).toBe(type);
      }
      // The partner with a healthy endpoint got it once, at the first attempt.
      expect((await deliveredOnce(partner, eventId))[0].attempts).toBe(1);
    }
  });
});
