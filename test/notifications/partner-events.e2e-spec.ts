import type { ApiClientEntity } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  createApiClient,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlWsClient,
  type TestApp,
} from '@relais/testing';
import { AccessTokenService } from '@relais/identity';
import { startRelais } from '../support/app.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  nextOrTimeout,
  nextValue,
  personFollowedBy,
} from './notification-support.js';

const EVENT_FIELDS =
  'id position type eventType occurredAt territoryId structureIds personId payload';
const STREAM = `subscription($after: String, $types: [String!]) {
  events(after: $after, types: $types) { ${EVENT_FIELDS} }
}`;
const FEED = `query($after: String, $first: Int, $types: [String!]) {
  events(after: $after, first: $first, types: $types) {
    edges { cursor node { ${EVENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface PartnerEvent {
  id: string;
  position: string;
  type: string;
  eventType: string;
  occurredAt: string;
  territoryId: string;
  structureIds: string[];
  personId: string | null;
  payload: Record<string, unknown>;
}
type StreamResult = { data?: { events: PartnerEvent } | null; errors?: readonly unknown[] };

describe('partner systems: the events subscription and the reconciliation query', () => {
  let relais: TestApp;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: Caseworker;
  let requester: Caseworker;
  let partner: ApiClientEntity;
  let otherTerritoryPartner: ApiClientEntity;
  let unscopedPartner: ApiClientEntity;
  const connections: GraphqlWsClient[] = [];

  async function connectAs(client: ApiClientEntity): Promise<GraphqlWsClient> {
    const token = await relais.app
      .get(AccessTokenService)
      .issueForClient(client.id, client.scopes, client.secretRotatedAt.getTime());
    const connection = createGraphqlWsClient(
      relais.baseUrl,
      { authorization: `Bearer ${token}` },
      { lazy: false },
    );
    connections.push(connection);
    return connection;
  }

  /** A join request on a new person of the territory, and its outbox event's id once dispatched. */
  async function joinRequestEvent(
    overrides: { objection?: boolean } = {},
  ): Promise<{ eventId: string; joinRequestId: string; position: string }> {
    const person = await personFollowedBy(relais, territory, referent, overrides);
    const joinRequestId = await askToJoin(requester.client, person.id);
    const [row] = await eventually(
      () =>
        relais.dataSource.query<{ id: string; position: string | null }[]>(
          `SELECT id, position FROM outbox_event WHERE payload->>'joinRequestId' = $1`,
          [joinRequestId],
        ),
      (rows) => rows[0]?.position !== null && rows[0]?.position !== undefined,
    );
    return { eventId: row.id, joinRequestId, position: String(row.position) };
  }

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory);
    referent = await caseworkerOf(relais, structure);
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    partner = await createApiClient(relais.dataSource, territory, ['events:read', 'persons:read']);
    otherTerritoryPartner = await createApiClient(
      relais.dataSource,
      await createTerritory(relais.dataSource),
      ['events:read', 'persons:read'],
    );
    unscopedPartner = await createApiClient(relais.dataSource, territory, ['persons:read']);
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await relais.close();
  });

  it('replays from the start then streams live, in position order, once each; another territory gets nothing', async () => {
    const before = await joinRequestEvent();
    const stream = (await connectAs(partner)).subscribe<{ events: PartnerEvent }>(STREAM, {
      after: null,
    }) as AsyncIterableIterator<StreamResult>;
    const elsewhere = (await connectAs(otherTerritoryPartner)).subscribe<{
      events: PartnerEvent;
    }>(STREAM) as AsyncIterableIterator<StreamResult>;

    const replayed = await nextValue(stream);
    expect(replayed.data?.events).toMatchObject({
      id: before.eventId,
      position: before.position,
      type: 'team.join_requested',
      eventType: 'TEAM_JOIN_REQUESTED',
      territoryId: territory.id,
      payload: { joinRequestId: before.joinRequestId },
    });

    const during = await joinRequestEvent();
    const live = await nextValue(stream);
    expect(live.data?.events).toMatchObject({
      id: during.eventId,
      position: during.position,
    });
    expect(BigInt(during.position)).toBeGreaterThan(BigInt(before.position));

    // A person who objected to sharing is never sent; the next event still comes, once.
    await joinRequestEvent({ objection: true });
    const after = await joinRequestEvent();
    const next = await nextValue(stream);
    expect(next.data?.events.id).toBe(after.eventId);
    expect(await nextOrTimeout(stream, 300)).toBe('timeout');
    expect(await nextOrTimeout(elsewhere, 300)).toBe('timeout');
    await stream.return?.();
    await elsewhere.return?.();
  });

  it('resumes after a cursor: the events missed, then live, filtered by type', async () => {
    const seen = await joinRequestEvent();
    const missed = await joinRequestEvent();
    const connection = await connectAs(partner);
    const stream = connection.subscribe(STREAM, {
      after: seen.position,
      types: ['team.join_requested'],
    }) as AsyncIterableIterator<StreamResult>;
    const first = await nextValue(stream);
    expect(first.data?.events.id).toBe(missed.eventId);
    const live = await joinRequestEvent();
    expect((await nextValue(stream)).data?.events.id).toBe(live.eventId);
    await stream.return?.();

    const otherType = connection.subscribe(STREAM, {
      after: seen.position,
      types: ['handover.accepted'],
    }) as AsyncIterableIterator<StreamResult>;
    expect(await nextOrTimeout(otherType, 300)).toBe('timeout');
    await otherType.return?.();
  });

  it('pages the same feed for reconciliation, by position, and refuses what it must', async () => {
    const first = await joinRequestEvent();
    const withheld = await joinRequestEvent({ objection: true });
    const second = await joinRequestEvent();
    const client = await relais.graphqlAsClient(partner);
    const page = await client.data<{
      events: {
        edges: { cursor: string; node: PartnerEvent }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(FEED, { after: String(BigInt(first.position) - 1n), first: 1 });
    expect(page.events.edges.map((edge) => [edge.cursor, edge.node.id])).toEqual([
      [first.position, first.eventId],
    ]);
    expect(page.events.pageInfo).toEqual({ hasNextPage: true, endCursor: first.position });
    const rest = await client.data<{ events: { edges: { node: PartnerEvent }[] } }>(FEED, {
      after: page.events.pageInfo.endCursor,
      first: 100,
    });
    const ids = rest.events.edges.map((edge) => edge.node.id);
    expect(ids).toContain(second.eventId);
    expect(ids).not.toContain(withheld.eventId);

    const elsewhere = await relais.graphqlAsClient(otherTerritoryPartner);
    expect(
      (await elsewhere.data<{ events: { edges: unknown[] } }>(FEED, { first: 100 })).events.edges,
    ).toHaveLength(0);

    const unscoped = await relais.graphqlAsClient(unscopedPartner);
    expect((await unscoped.execute(FEED, { first: 1 })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const refused = (await connectAs(unscopedPartner)).subscribe(
      STREAM,
    ) as AsyncIterableIterator<StreamResult>;
    const result = await nextValue(refused);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });

    const forged = await client.execute(FEED, { after: 'abc', first: 1 });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
