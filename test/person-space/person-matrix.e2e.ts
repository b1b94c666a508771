import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { type AccountEntity, Role, SessionService } from '@relais/identity';
import { OutboxDispatcherService } from '@relais/notifications';
import type { TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { ACCESS_RULE, type AccessRule } from '../../apps/api/src/auth/access.decorators.js';
import {
  operationsOpenToPersons,
  operationsWithRule,
} from '../../apps/api/src/auth/access-rule.audit.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';

/**
 * The authorization matrix of the person principal (issue 22, Security): every Query, Mutation
 * and Subscription field of the running schema, every HTTP route of the Nest router and the
 * socket.io channel, called with a followed person's session, once with the ids of another
 * person's file and once with their own. Everything is refused with the guard's answer and writes
 * nothing, but for the allowlist below: the person's own space (the contract of issue 22) and
 * the public operations. An operation added later is refused to a person unless it is added
 * here, and the test fails if it is not.
 */

/** The contract's person-side operations (@PersonSelf): their own file only. */
const PERSON_OPERATIONS = [
  'Query.mySpace',
  'Query.myFileReads',
  'Query.myRightsRequests',
  'Mutation.answerAppointment',
  'Mutation.requestRight',
] as const;
const PERSON_ROUTES = [
  'POST /auth/person/sign-out',
  'GET /me/export.json',
  'GET /me/export.pdf',
] as const;
/** Open to anyone (@Public): the person's token gives nothing more there. */
const PUBLIC_OPERATIONS = ['Query.apiInfo', 'Query.devSentEmails', 'Mutation.devSendDailyDigests'];
const PUBLIC_ROUTES = [
  'GET /auth/oidc/login',
  'GET /auth/oidc/callback',
  'GET /auth/methods',
  'POST /auth/token',
  'POST /auth/dev/sign-in',
  'POST /auth/refresh',
  'GET /legal/notice',
  'POST /auth/person/link',
  'POST /auth/person/code',
  'POST /auth/person/sign-in',
  'GET /email/unsubscribe',
  'POST /email/unsubscribe',
  'GET /health/live',
  'GET /health/ready',
  'GET /auth/person/franceconnect',
  'GET /auth/person/franceconnect/callback',
];

type Ids = 'own' | 'other';
type Refusal = { code?: unknown; reason?: unknown } | undefined;

let relais: TestApp;
let territory: TerritoryEntity;
let referent: AccountEntity;
let referentClient: GraphqlHttpClient;
let person: PersonEntity;
let other: PersonEntity;
let token: string;

async function personToken(of: PersonEntity): Promise<string> {
  const tokens = await relais.dataSource.transaction((manager) =>
    relais.app.get(SessionService).startForPersonWithin(manager, of.id, ['test']),
  );
  return tokens.accessToken;
}

const asPerson = (bearer: string) =>
  relais.graphql.withHeaders({ authorization: `Bearer ${bearer}` });

/** A value of the input type that passes GraphQL's validation: the minimal one. */
function valueOf(type: GraphQLInputType, id: string): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, id);
  if (isListType(type)) return [valueOf(type.ofType, id)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (field) => isNonNullType(field.type) && field.defaultValue === undefined,
    );
    return Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, id)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return id;
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      case 'JSONObject':
        return {};
      default:
        return 'x';
    }
  }
  throw new Error(`no value for ${String(type)}`);
}

const required = (arg: GraphQLArgument) =>
  isNonNullType(arg.type) && arg.defaultValue === undefined;

/** The operation's document and variables: its required arguments, ids of the file given. */
function documentFor(
  kind: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  id: string,
): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter(required);
  const declared = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, valueOf(arg.type, id)])),
  };
}

/** Whether an id reaches the operation (its arguments, inputs included). */
function takesId(field: GraphQLField<unknown, unknown>): boolean {
  const seen = new Set<string>();
  const hasId = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (named.name === 'ID') return true;
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some(
      (inner) => isNonNullType(inner.type) && hasId(inner.type),
    );
  };
  return field.args.filter(required).some((arg) => hasId(arg.type));
}

interface Operation {
  readonly label: string;
  readonly kind: 'query' | 'mutation' | 'subscription';
  readonly field: GraphQLField<unknown, unknown>;
}

function schemaOperations(schema: GraphQLSchema): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => ({
      label: `${root?.name ?? ''}.${field.name}`,
      kind,
      field,
    })),
  );
}

interface Route {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly rule: AccessRule | undefined;
}

/** Every route of the Nest router, with its access rule. */
function routesOf(): Route[] {
  const discovery = relais.app.get(DiscoveryService);
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as (new () => object) | null;
    if (!controller) return [];
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, object>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') return [];
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${[base, path]
        .map((part) => part.replace(/^\/|\/$/g, ''))
        .filter(Boolean)
        .join('/')}`;
      const rule =
        (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ??
        (Reflect.getMetadata(ACCESS_RULE, controller) as AccessRule | undefined);
      return [{ label: `${method} ${full}`, method, path: full, rule }];
    });
  });
}

/** Row counts of every table but the sessions' (a refused call must write nothing). */
async function tableCounts(): Promise<Record<string, number>> {
  const rows = await relais.dataSource.query<{ table_name: string; rows: string }[]>(
    `SELECT table_name,
            (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text AS rows
       FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('session', 'refresh_token', 'migrations')`,
  );
  return Object.fromEntries(rows.map((row) => [row.table_name, Number(row.rows)]));
}

/** A file of the territory whose referent is `referent`. */
async function followedFile(givenName: string): Promise<PersonEntity> {
  const file = await createPerson(relais.dataSource, territory, { givenName });
  const [membership] = await relais.dataSource.query<{ id: string; structureId: string }[]>(
    `SELECT id, structure_id AS "structureId" FROM membership WHERE account_id = $1`,
    [referent.id],
  );
  await addTeamMember(relais.dataSource, file, referent, membership, TeamRole.REFERENT);
  return file;
}

describe('person matrix', () => {
  startFromEmptyTables();
  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    referent = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }]);
    person = await followedFile('Awa');
    other = await followedFile('Noé');
    referentClient = await relais.graphqlAs(referent.id);
    token = await personToken(person);
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('the person principal against every operation', () => {
    const sizes = { graphql: 0, routes: 0, socket: 0 };

    afterAll(() => {
      const total = sizes.graphql + sizes.routes + sizes.socket;
      process.stdout.write(
        `person authorization matrix: ${total} cells (GraphQL ${sizes.graphql}, HTTP routes ${sizes.routes}, socket.io ${sizes.socket})\n`,
      );
    });

    it('opens to a person only the operations of the allowlist (the guard’s metadata)', () => {
      const isGraphql = (label: string) => /^(Query|Mutation|Subscription)\./.test(label);
      // Every @PersonSelf operation is allowlisted: GraphQL fields by name, routes by path, and
      // no socket.io message.
      const open = operationsOpenToPersons(relais.app);
      const openGraphql = open.filter(isGraphql);
      for (const label of openGraphql) expect(PERSON_OPERATIONS).toContain(label);
      expect(open.filter((label) => label.startsWith('socket message'))).toEqual([]);
      const personRoutes = routesOf()
        .filter((route) => route.rule?.kind === 'person')
        .map((route) => route.label);
      for (const label of personRoutes) expect(PERSON_ROUTES).toContain(label);
      // The public GraphQL operations are those the allowlist names as public.
      expect(operationsWithRule(relais.app, 'public').filter(isGraphql)).toEqual(
        [...PUBLIC_OPERATIONS].sort(),
      );
      // And the allowlist names nothing the app does not have: it is the person's reach, exactly.
      expect([...openGraphql, ...personRoutes].sort()).toEqual(
        [...PERSON_OPERATIONS, ...PERSON_ROUTES].sort(),
      );
      const routes = routesOf().map((route) => route.label);
      expect(PUBLIC_ROUTES.filter((label) => !routes.includes(label))).toEqual([]);
    });

    it('gives the allowlisted operations the person’s own file only', async () => {
      const fields = relais.app.get(GraphQLSchemaHost).schema.getQueryType()?.getFields() ?? {};
      const mutations =
        relais.app.get(GraphQLSchemaHost).schema.getMutationType()?.getFields() ?? {};
      const client = asPerson(token);
      sizes.graphql += 1;
      const { mySpace } = await client.data<{ mySpace: { personId: string } }>(
        '{ mySpace { personId } }',
      );
      expect(mySpace.personId).toBe(person.id);
      // Professionals read the other file only, whose person asked for a right: the person's own
      // lists have none of it (nor their own reads).
      await referentClient.data(`query($id: ID!) { person(id: $id) { id } }`, { id: other.id });
      if (mutations.requestRight) {
        await asPerson(await personToken(other)).data(
          `mutation($input: RequestRightInput!) { requestRight(input: $input) { id } }`,
          { input: { kind: 'RECTIFICATION', details: 'Mon adresse a changé.' } },
        );
      }
      for (const [name, query] of [
        ['myFileReads', '{ myFileReads { items { kind who } } }'],
        ['myRightsRequests', '{ myRightsRequests { id } }'],
      ] as const) {
        if (!fields[name]) continue;
        sizes.graphql += 1;
        const result = await client.execute<Record<string, unknown>>(query);
        expect(result.errors).toBeUndefined();
        const answer = result.data?.[name] as { items?: unknown[] } | unknown[] | undefined;
        expect(Array.isArray(answer) ? answer : answer?.items).toEqual([]);
      }
      if (mutations.answerAppointment) {
        sizes.graphql += 1;
        const { scheduleAppointment } = await referentClient.data<{
          scheduleAppointment: { id: string };
        }>(
          `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
          {
            input: {
              personId: other.id,
              startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
              durationMinutes: 30,
              withWhom: 'Claire Moreau',
              remote: true,
            },
          },
        );
        // What the earlier events queue (their emails) is written before the count, not during.
        await relais.app.get(OutboxDispatcherService).dispatchPending();
        const before = await tableCounts();
        const answered = await client.execute(
          `mutation($input: AnswerAppointmentInput!) { answerAppointment(input: $input) { id } }`,
          { input: { appointmentId: scheduleAppointment.id, presence: 'COMING' } },
        );
        expect(answered.data?.answerAppointment ?? null).toBeNull();
        expect(answered.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
        expect(await tableCounts()).toEqual(before);
      }
      for (const label of PERSON_ROUTES) {
        const route = routesOf().find((candidate) => candidate.label === label);
        if (!route || route.method !== 'GET') continue;
        sizes.routes += 1;
        const response = await fetch(`${relais.baseUrl}${route.path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        if (route.path.endsWith('.json')) {
          const text = await response.text();
          expect(text).toContain(person.id);
          expect(text).not.toContain(other.id);
        }
      }
    });

    it('refuses a person every query, mutation and subscription outside the allowlist; nothing is written', async () => {
      const schema = relais.app.get(GraphQLSchemaHost).schema;
      const operations = schemaOperations(schema);
      const unexpected = operations
        .map((operation) => operation.label)
        .filter(
          (label) =>
            !(PERSON_OPERATIONS as readonly string[]).includes(label) &&
            !PUBLIC_OPERATIONS.includes(label),
        );
      const before = await tableCounts();
      const wrong: string[] = [];
      const client = asPerson(token);
      const graphqlWs = createGraphqlWsClient(relais.baseUrl, {
        authorization: `Bearer ${token}`,
      });
      try {
        for (const operation of operations) {
          if (!unexpected.includes(operation.label)) continue;
          const cases: Ids[] = takesId(operation.field) ? ['other', 'own'] : ['other'];
          for (const ids of cases) {
            sizes.graphql += 1;
            const { query, variables } = documentFor(
              operation.kind,
              operation.field,
              ids === 'own' ? person.id : other.id,
            );
            let refusal: Refusal;
            let data: unknown;
            if (operation.kind === 'subscription') {
              const stream = graphqlWs.subscribe(query, variables);
              const outcome = await stream.next().then(
                (result) => result.value as { errors?: { extensions?: Refusal }[]; data?: unknown },
                (error: unknown) => ({
                  errors: error as { extensions?: Refusal }[],
                  data: undefined,
                }),
              );
              await stream.return?.();
              refusal = outcome?.errors?.[0]?.extensions;
              data = outcome?.data;
            } else {
              const result = await client.execute(query, variables);
              refusal = result.errors?.[0]?.extensions;
              data = result.data?.[operation.field.name];
            }
            if (refusal?.code !== 'FORBIDDEN' || refusal.reason !== 'NOT_ALLOWED' || data) {
              wrong.push(`${operation.label} (${ids}): ${JSON.stringify(refusal ?? data)}`);
            }
          }
        }
      } finally {
        await graphqlWs.close();
      }
      expect(wrong).toEqual([]);
      expect(await tableCounts()).toEqual(before);
    });

    it('refuses a person every HTTP route outside the allowlist; nothing is written', async () => {
      const routes = routesOf();
      const before = await tableCounts();
      const wrong: string[] = [];
      for (const route of routes) {
        const allowlisted =
          (PERSON_ROUTES as readonly string[]).includes(route.label) ||
          PUBLIC_ROUTES.includes(route.label);
        if (allowlisted) {
          // What the allowlist says of a route, its rule says too.
          const expected = PUBLIC_ROUTES.includes(route.label) ? 'public' : 'person';
          if (route.rule?.kind !== expected) wrong.push(`${route.label}: rule ${route.rule?.kind}`);
          continue;
        }
        for (const ids of ['other', 'own'] as const) {
          if (ids === 'own' && !route.path.includes(':')) continue;
          sizes.routes += 1;
          const id = ids === 'own' ? person.id : other.id;
          const path = route.path.replace(/:territory\b/, territory.code).replace(/:\w+/g, id);
          const response = await fetch(`${relais.baseUrl}${path}`, {
            method: route.method,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}',
          });
          const body = (await response.json().catch(() => ({}))) as {
            error?: string;
            reason?: string;
          };
          if (
            response.status !== 403 ||
            body.error !== 'FORBIDDEN' ||
            body.reason !== 'NOT_ALLOWED'
          ) {
            wrong.push(`${route.label} (${ids}): ${response.status} ${JSON.stringify(body)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(await tableCounts()).toEqual(before);
    });

    it('lets the socket.io connection in (closed when the session ends) and refuses its messages', async () => {
      const socket = await connectSocket(relais.baseUrl, { auth: { token } });
      try {
        sizes.socket += 1;
        // The guard refuses the message, saying why as it does on HTTP.
        const exception = new Promise<unknown>((resolve) => socket.once('exception', resolve));
        const answered = await socket
          .timeout(1_000)
          .emitWithAck('ping')
          .then(
            () => true,
            () => false,
          );
        expect(answered).toBe(false);
        expect(await exception).toEqual({
          status: 'error',
          error: 'FORBIDDEN',
          reason: 'NOT_ALLOWED',
          message: 'You may not do this.',
        });
      } finally {
        socket.disconnect();
      }
    });
  });

  describe('a person’s sessions', () => {
    const MY_SPACE = '{ mySpace { personId } }';
    const INVITE = `mutation($input: InvitePersonToSpaceInput!) {
    invitePersonToSpace(input: $input) { enabled }
  }`;
    let counter = 0;

    /** A file the referent follows, its space enabled, and a session of the person. */
    async function personWithSession() {
      counter += 1;
      const file = await followedFile('Lina');
      const email = `lina${counter}.${Date.now()}@example.test`;
      await referentClient.data(INVITE, { input: { personId: file.id, email } });
      const tokens = await relais.dataSource.transaction((manager) =>
        relais.app.get(SessionService).startForPersonWithin(manager, file.id, ['test']),
      );
      return { file, email, tokens };
    }

    const refresh = (refreshToken: string) =>
      fetch(`${relais.baseUrl}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });

    const sessionIdOf = (accessToken: string): string =>
      (
        JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
          sid: string;
        }
      ).sid;

    const sessionOf = async (accessToken: string) => {
      const [row] = await relais.dataSource.query<{ revoked_reason: string | null }[]>(
        'SELECT revoked_reason FROM session WHERE id = $1',
        [sessionIdOf(accessToken)],
      );
      return row;
    };

    const refusedAsEnded = async (accessToken: string) =>
      expect((await asPerson(accessToken).execute(MY_SPACE)).errors?.[0]?.extensions).toMatchObject(
        {
          code: 'UNAUTHENTICATED',
          reason: 'SESSION_ENDED',
        },
      );

    /** A live socket and GraphQL WebSocket connection of the session, and how they close. */
    async function liveConnections(accessToken: string) {
      const socket = await connectSocket(relais.baseUrl, { auth: { token: accessToken } });
      const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const graphqlWs = createGraphqlWsClient(
        relais.baseUrl,
        { authorization: `Bearer ${accessToken}` },
        { lazy: false },
      );
      expect((await graphqlWs.execute(MY_SPACE)).errors).toBeUndefined();
      return {
        closed: async () => {
          const late = new Promise<string>((resolve) =>
            setTimeout(() => resolve('still open'), 5_000).unref(),
          );
          expect(await Promise.race([socketClosed, late])).toBe('io server disconnect');
          expect(await Promise.race([graphqlWs.closed.then(({ code }) => code), late])).toBe(4403);
        },
        close: async () => {
          socket.disconnect();
          await graphqlWs.close();
        },
      };
    }

    it('rotates the refresh token, one session across tabs; a replaced one used after the grace ends the session', async () => {
      const { tokens } = await personWithSession();
      // Two tabs refreshing at once go on with the same successor.
      const [first, second] = await Promise.all([
        refresh(tokens.refreshToken),
        refresh(tokens.refreshToken),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const renewed = (await first.json()) as { accessToken: string; refreshToken: string };
      expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
      expect(((await second.json()) as { refreshToken: string }).refreshToken).toBe(
        renewed.refreshToken,
      );
      expect((await asPerson(renewed.accessToken).execute(MY_SPACE)).errors).toBeUndefined();
      await relais.dataSource.query(
        `UPDATE refresh_token SET used_at = used_at - interval '11 seconds'
        WHERE used_at IS NOT NULL AND session_id = $1`,
        [sessionIdOf(tokens.accessToken)],
      );
      expect((await refresh(tokens.refreshToken)).status).toBe(401);
      expect(await sessionOf(renewed.accessToken)).toEqual({
        revoked_reason: 'refresh_token_reuse',
      });
      await refusedAsEnded(renewed.accessToken);
    });

    it('ends a session left idle longer than the idle timeout', async () => {
      const { tokens } = await personWithSession();
      await relais.dataSource.query(
        `UPDATE refresh_token SET created_at = created_at - interval '31 minutes' WHERE session_id = $1`,
        [sessionIdOf(tokens.accessToken)],
      );
      expect((await refresh(tokens.refreshToken)).status).toBe(401);
      expect(await sessionOf(tokens.accessToken)).toEqual({ revoked_reason: 'idle' });
      await refusedAsEnded(tokens.accessToken);
    });

    it('ends a session at its absolute lifetime, access tokens included', async () => {
      const { tokens } = await personWithSession();
      await relais.dataSource.query(
        `UPDATE session SET created_at = created_at - interval '12 hours 1 minute' WHERE id = $1`,
        [sessionIdOf(tokens.accessToken)],
      );
      await refusedAsEnded(tokens.accessToken);
      expect((await refresh(tokens.refreshToken)).status).toBe(401);
    });

    it('signs out: the session ends, its live connections close', async () => {
      const { tokens } = await personWithSession();
      const live = await liveConnections(tokens.accessToken);
      try {
        const out = await fetch(`${relais.baseUrl}/auth/person/sign-out`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.accessToken}` },
        });
        expect(out.status).toBe(204);
        await live.closed();
        await refusedAsEnded(tokens.accessToken);
        expect((await refresh(tokens.refreshToken)).status).toBe(401);
      } finally {
        await live.close();
      }
    });

    it('ends the sessions of a purged file at once, live connections included', async () => {
      const { file, tokens } = await personWithSession();
      const live = await liveConnections(tokens.accessToken);
      try {
        await referentClient.data(
          `mutation($input: PurgePersonNotConcernedInput!) { purgePersonNotConcerned(input: $input) { personId } }`,
          { input: { personId: file.id, reason: 'CREATED_IN_ERROR' } },
        );
        await live.closed();
        expect(await sessionOf(tokens.accessToken)).toEqual({ revoked_reason: 'file_purged' });
        await refusedAsEnded(tokens.accessToken);
        expect((await refresh(tokens.refreshToken)).status).toBe(401);
      } finally {
        await live.close();
      }
    });

    it('ends the sessions, links and codes of a space invited again at another address, not at the same', async () => {
      const { file, email, tokens } = await personWithSession();
      const asked = await fetch(`${relais.baseUrl}/auth/person/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(asked.status).toBe(200);
      const { challenge } = (await asked.json()) as { challenge: string };

      // The same address again: a new link, the session goes on.
      await referentClient.data(INVITE, { input: { personId: file.id, email } });
      expect((await asPerson(tokens.accessToken).execute(MY_SPACE)).errors).toBeUndefined();

      const live = await liveConnections(tokens.accessToken);
      try {
        await referentClient.data(INVITE, {
          input: { personId: file.id, email: `moved.${email}` },
        });
        await live.closed();
        expect(await sessionOf(tokens.accessToken)).toEqual({
          revoked_reason: 'space_address_changed',
        });
        await refusedAsEnded(tokens.accessToken);
        const links = await relais.dataSource.query<{ live: boolean }[]>(
          `SELECT expires_at > now() AS live FROM person_space_link WHERE person_id = $1 ORDER BY expires_at`,
          [file.id],
        );
        expect(links.map((link) => link.live)).toEqual([false, false, true]);
        const [code] = await relais.dataSource.query<{ live: boolean }[]>(
          `SELECT expires_at > now() AS live FROM person_sign_in_code WHERE id = $1`,
          [challenge],
        );
        expect(code).toEqual({ live: false });
      } finally {
        await live.close();
      }
    });
  });

  describe('the person’s own reads in the access log', () => {
    it('records them with ground SELF, never as a professional’s read in the admins’ views', async () => {
      const admin = await createAccount(relais.dataSource, [
        { role: Role.TERRITORY_ADMIN, territory },
      ]);
      const adminClient = await relais.graphqlAs(admin.id);
      const file = await followedFile('Inès');
      await asPerson(await personToken(file)).data('{ mySpace { personId } }');
      await referentClient.data(`query($id: ID!) { person(id: $id) { id } }`, { id: file.id });

      const rows = await relais.dataSource.query<Record<string, unknown>[]>(
        `SELECT ground, account_id IS NOT NULL AS "byAccount", membership_id IS NOT NULL AS "withMembership"
         FROM access_log WHERE person_id = $1 ORDER BY accessed_at`,
        [file.id],
      );
      expect(rows).toEqual([
        { ground: 'SELF', byAccount: false, withMembership: false },
        { ground: 'TEAM_MEMBER', byAccount: true, withMembership: true },
      ]);

      const { accessLog, accessLogDays, accessLogReaders } = await adminClient.data<{
        accessLog: { edges: { node: Record<string, unknown> }[] };
        accessLogDays: { edges: { node: Record<string, unknown> }[] };
        accessLogReaders: Record<string, unknown>[];
      }>(
        `query($id: ID!) {
        accessLog(personId: $id) { edges { node { ground readerName role structureName partnerSystem } } }
        accessLogDays(personId: $id) { edges { node { ground readerId readerName role structureName partnerSystem reads } } }
        accessLogReaders(personId: $id) { id name partnerSystem }
      }`,
        { id: file.id },
      );
      const referentName = `${referent.givenName} ${referent.familyName}`;
      const self = {
        ground: 'SELF',
        readerName: 'La personne elle-même',
        role: null,
        structureName: null,
        partnerSystem: false,
      };
      expect(accessLog.edges.map((edge) => edge.node)).toEqual([
        {
          ground: 'TEAM_MEMBER',
          readerName: referentName,
          role: 'PROFESSIONAL',
          structureName: expect.any(String) as string,
          partnerSystem: false,
        },
        self,
      ]);
      const days = accessLogDays.edges.map((edge) => edge.node);
      expect(days).toHaveLength(2);
      expect(days.find((day) => day.ground === 'SELF')).toMatchObject({ ...self, reads: 1 });
      expect(days.find((day) => day.ground === 'SELF')?.readerId).not.toBe(referent.id);
      // The reader filter names the professionals and partner systems: the person is none of them.
      expect(accessLogReaders).toEqual([
        { id: referent.id, name: referentName, partnerSystem: false },
      ]);
    });
  });
});
