import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@relais/core';
import { Role } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  countStatements,
  createAccount,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

/**
 * The admins' lists (invitations, memberships): who may list which place, what a row says,
 * pages, and isolation between territories. Places are a structure, a territory (its structures
 * and its territory admins) or, without either id, the whole platform.
 */

type Scope = 'own structure' | 'other structure' | 'other territory';
const SCOPES: readonly Scope[] = ['own structure', 'other structure', 'other territory'];
const ACTORS = [
  Role.PLATFORM_ADMIN,
  Role.TERRITORY_ADMIN,
  Role.STRUCTURE_ADMIN,
  Role.ORIENTATION_MANAGER,
  Role.PROFESSIONAL,
] as const;

interface Place {
  role: Role;
  structureId: string | null;
  territoryId: string | null;
}
interface PageOf<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface InvitationNode {
  id: string;
  createdAt: string;
  accepted: boolean;
  invitedByAccountId: string;
  invitedByMembershipId: string;
  account: { id: string; email: string; givenName: string; familyName: string; status: string };
  membership: Place & { id: string; accountId: string; revokedAt: string | null };
}
interface MembershipNode extends Place {
  id: string;
  accountId: string;
  createdAt: string;
  revokedAt: string | null;
  account: { id: string; email: string; givenName: string; familyName: string; status: string };
}

const INVITATIONS = `query($territoryId: ID, $structureId: ID, $first: Int, $after: String) {
  invitations(territoryId: $territoryId, structureId: $structureId, first: $first, after: $after) {
    edges { cursor node { id createdAt accepted invitedByAccountId invitedByMembershipId
      account { id email givenName familyName status }
      membership { id accountId role structureId territoryId revokedAt } } }
    pageInfo { hasNextPage endCursor } } }`;

const MEMBERSHIPS = `query($territoryId: ID, $structureId: ID, $includeRevoked: Boolean, $first: Int, $after: String) {
  memberships(territoryId: $territoryId, structureId: $structureId, includeRevoked: $includeRevoked,
              first: $first, after: $after) {
    edges { cursor node { id accountId role structureId territoryId createdAt revokedAt
      account { id email givenName familyName status } } }
    pageInfo { hasNextPage endCursor } } }`;

interface Invited {
  invitationId: string;
  membershipId: string;
  accountId: string;
  email: string;
}

let relais: TestApp;
let territoryA: TerritoryEntity;
let territoryB: TerritoryEntity;
let ownStructure: StructureEntity;
let otherStructure: StructureEntity;
let foreignStructure: StructureEntity;
const clients = new Map<Role, GraphqlHttpClient>();
const accountIds = new Map<Role, string>();
const membershipIds = new Map<Role, string>();
let territoryAdminB: GraphqlHttpClient;
/** Everything made in territory B, which no one of territory A may ever see. */
const inB = { invitationIds: new Set<string>(), membershipIds: new Set<string>() };
let counter = 0;

const client = (role: Role) => clients.get(role) as GraphqlHttpClient;
const structureFor = (scope: Scope): StructureEntity =>
  scope === 'own structure'
    ? ownStructure
    : scope === 'other structure'
      ? otherStructure
      : foreignStructure;

async function membershipOf(accountId: string): Promise<string> {
  const [membership] = await relais.dataSource.query<{ id: string }[]>(
    'SELECT id FROM membership WHERE account_id = $1',
    [accountId],
  );
  if (!membership) throw new Error(`account ${accountId} has no membership`);
  return membership.id;
}

async function invite(
  admin: GraphqlHttpClient,
  role: Role,
  place: { structureId?: string; territoryId?: string },
  names: { givenName?: string; familyName?: string } = {},
): Promise<Invited> {
  counter += 1;
  const email = `directory${counter}@example.test`;
  const result = await admin.data<{
    inviteAccount: { id: string; accountId: string; membership: { id: string } };
  }>(
    `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { id accountId membership { id } } }`,
    {
      input: {
        invitee: {
          email,
          givenName: names.givenName ?? 'Lou',
          familyName: names.familyName ?? `Invitée ${counter}`,
        },
        role,
        ...place,
      },
    },
  );
  return {
    invitationId: result.inviteAccount.id,
    membershipId: result.inviteAccount.membership.id,
    accountId: result.inviteAccount.accountId,
    email,
  };
}

async function invitationsAs(
  caller: GraphqlHttpClient,
  variables: Record<string, unknown>,
): Promise<PageOf<InvitationNode>> {
  return (await caller.data<{ invitations: PageOf<InvitationNode> }>(INVITATIONS, variables))
    .invitations;
}

async function membershipsAs(
  caller: GraphqlHttpClient,
  variables: Record<string, unknown>,
): Promise<PageOf<MembershipNode>> {
  return (await caller.data<{ memberships: PageOf<MembershipNode> }>(MEMBERSHIPS, variables))
    .memberships;
}

/** Every row of a list, page after page of `first`, each page asked with the last cursor. */
async function walk<T>(
  fetch: (after: string | null) => Promise<PageOf<T>>,
): Promise<{ nodes: T[]; pages: number }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let pages = 1; pages < 1000; pages += 1) {
    const page = await fetch(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return { nodes, pages };
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
    after = page.pageInfo.endCursor;
  }
  throw new Error('the list never ended');
}

describe('directory', () => {
  startFromEmptyTables();
  beforeAll(async () => {
    relais = await startRelais();
    territoryA = await createTerritory(relais.dataSource);
    territoryB = await createTerritory(relais.dataSource);
    ownStructure = await createStructure(relais.dataSource, territoryA);
    otherStructure = await createStructure(relais.dataSource, territoryA);
    foreignStructure = await createStructure(relais.dataSource, territoryB);
    const actors: Record<(typeof ACTORS)[number], Parameters<typeof createAccount>[1]> = {
      [Role.PLATFORM_ADMIN]: [{ role: Role.PLATFORM_ADMIN }],
      [Role.TERRITORY_ADMIN]: [{ role: Role.TERRITORY_ADMIN, territory: territoryA }],
      [Role.STRUCTURE_ADMIN]: [{ role: Role.STRUCTURE_ADMIN, structure: ownStructure }],
      [Role.ORIENTATION_MANAGER]: [{ role: Role.ORIENTATION_MANAGER, structure: ownStructure }],
      [Role.PROFESSIONAL]: [{ role: Role.PROFESSIONAL, structure: ownStructure }],
    };
    for (const role of ACTORS) {
      const account = await createAccount(relais.dataSource, actors[role]);
      accountIds.set(role, account.id);
      membershipIds.set(role, await membershipOf(account.id));
      clients.set(role, await relais.graphqlAs(account.id));
    }
    const adminB = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory: territoryB },
    ]);
    inB.membershipIds.add(await membershipOf(adminB.id));
    territoryAdminB = await relais.graphqlAs(adminB.id);

    // Invitations of every kind in both territories, so that every allowed list has rows.
    const platform = client(Role.PLATFORM_ADMIN);
    const territoryAdminA = client(Role.TERRITORY_ADMIN);
    await invite(platform, Role.TERRITORY_ADMIN, { territoryId: territoryA.id });
    for (const role of [Role.PROFESSIONAL, Role.ORIENTATION_MANAGER, Role.STRUCTURE_ADMIN]) {
      await invite(territoryAdminA, role, { structureId: ownStructure.id });
      await invite(territoryAdminA, role, { structureId: otherStructure.id });
    }
    const madeInB = [
      await invite(platform, Role.TERRITORY_ADMIN, { territoryId: territoryB.id }),
      await invite(territoryAdminB, Role.PROFESSIONAL, { structureId: foreignStructure.id }),
      await invite(territoryAdminB, Role.STRUCTURE_ADMIN, { structureId: foreignStructure.id }),
    ];
    for (const made of madeInB) {
      inB.invitationIds.add(made.invitationId);
      inB.membershipIds.add(made.membershipId);
    }
  });

  afterAll(async () => {
    await relais.close();
  });

  type ListName =
    | 'invitationsOfStructure'
    | 'invitationsOfTerritory'
    | 'membershipsOfStructure'
    | 'membershipsOfTerritory';

  /** One list at the place of a scope, as the places of its rows. */
  const LISTS: Record<
    ListName,
    (
      caller: GraphqlHttpClient,
      scope: Scope,
    ) => Promise<{
      places?: Place[];
      errors?: readonly { message: string; extensions?: unknown }[];
    }>
  > = {
    invitationsOfStructure: async (caller, scope) => {
      const result = await caller.execute<{ invitations: PageOf<InvitationNode> }>(INVITATIONS, {
        structureId: structureFor(scope).id,
        first: 100,
      });
      return {
        errors: result.errors,
        places: result.data?.invitations.edges.map((edge) => edge.node.membership),
      };
    },
    invitationsOfTerritory: async (caller, scope) => {
      const result = await caller.execute<{ invitations: PageOf<InvitationNode> }>(INVITATIONS, {
        territoryId: structureFor(scope).territoryId,
        first: 100,
      });
      return {
        errors: result.errors,
        places: result.data?.invitations.edges.map((edge) => edge.node.membership),
      };
    },
    membershipsOfStructure: async (caller, scope) => {
      const result = await caller.execute<{ memberships: PageOf<MembershipNode> }>(MEMBERSHIPS, {
        structureId: structureFor(scope).id,
        first: 100,
      });
      return { errors: result.errors, places: result.data?.memberships.edges.map((e) => e.node) };
    },
    membershipsOfTerritory: async (caller, scope) => {
      const result = await caller.execute<{ memberships: PageOf<MembershipNode> }>(MEMBERSHIPS, {
        territoryId: structureFor(scope).territoryId,
        first: 100,
      });
      return { errors: result.errors, places: result.data?.memberships.edges.map((e) => e.node) };
    },
  };

  type Row = Record<ListName, readonly [boolean, boolean, boolean]>;
  const NONE = [false, false, false] as const;
  const TERRITORY = [true, true, false] as const;
  const OWN = [true, false, false] as const;
  const EVERY = [true, true, true] as const;

  /** Who may list what: [own structure, other structure of the territory, other territory]. */
  const EXPECTED: Record<(typeof ACTORS)[number], Row> = {
    // Platform admins list the territory admins of any territory, never a structure.
    [Role.PLATFORM_ADMIN]: {
      invitationsOfStructure: NONE,
      invitationsOfTerritory: EVERY,
      membershipsOfStructure: NONE,
      membershipsOfTerritory: EVERY,
    },
    [Role.TERRITORY_ADMIN]: {
      invitationsOfStructure: TERRITORY,
      invitationsOfTerritory: TERRITORY,
      membershipsOfStructure: TERRITORY,
      membershipsOfTerritory: TERRITORY,
    },
    // Structure admins list the professionals of their structure, never the whole territory.
    [Role.STRUCTURE_ADMIN]: {
      invitationsOfStructure: OWN,
      invitationsOfTerritory: NONE,
      membershipsOfStructure: OWN,
      membershipsOfTerritory: NONE,
    },
    [Role.ORIENTATION_MANAGER]: {
      invitationsOfStructure: NONE,
      invitationsOfTerritory: NONE,
      membershipsOfStructure: NONE,
      membershipsOfTerritory: NONE,
    },
    [Role.PROFESSIONAL]: {
      invitationsOfStructure: NONE,
      invitationsOfTerritory: NONE,
      membershipsOfStructure: NONE,
      membershipsOfTerritory: NONE,
    },
  };

  /** The roles each caller sees in a list it may read. */
  const VISIBLE_ROLES: Record<(typeof ACTORS)[number], readonly Role[]> = {
    [Role.PLATFORM_ADMIN]: [Role.TERRITORY_ADMIN],
    [Role.TERRITORY_ADMIN]: [
      Role.PROFESSIONAL,
      Role.ORIENTATION_MANAGER,
      Role.STRUCTURE_ADMIN,
      Role.TERRITORY_ADMIN,
    ],
    [Role.STRUCTURE_ADMIN]: [Role.PROFESSIONAL],
    [Role.ORIENTATION_MANAGER]: [],
    [Role.PROFESSIONAL]: [],
  };

  const cells = ACTORS.flatMap((role) =>
    (Object.keys(LISTS) as ListName[]).flatMap((list) =>
      SCOPES.map((scope, index) => ({ role, list, scope, allowed: EXPECTED[role][list][index] })),
    ),
  );

  describe('the admin lists authorization matrix', () => {
    it.each(cells)(
      '$role → $list in $scope: allowed = $allowed',
      async ({ role, list, scope, allowed }) => {
        const result = await LISTS[list](client(role), scope);
        if (!allowed) {
          expect(result.errors?.map((error) => error.extensions)).toEqual([
            { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
          ]);
          return;
        }
        expect(result.errors).toBeUndefined();
        const places = result.places ?? [];
        // Something to see, and only what belongs to the place and to the caller's reach.
        expect(places.length).toBeGreaterThan(0);
        const structure = structureFor(scope);
        for (const place of places) {
          expect(place.territoryId).toBe(structure.territoryId);
          if (list.endsWith('OfStructure')) expect(place.structureId).toBe(structure.id);
          expect(VISIBLE_ROLES[role]).toContain(place.role);
        }
      },
    );

    it.each(ACTORS)(
      '%s → both lists across the platform: platform admins only, territory admins only',
      async (role) => {
        const invitations = await client(role).execute<{ invitations: PageOf<InvitationNode> }>(
          INVITATIONS,
          { first: 100 },
        );
        const memberships = await client(role).execute<{ memberships: PageOf<MembershipNode> }>(
          MEMBERSHIPS,
          { first: 100 },
        );
        if (role !== Role.PLATFORM_ADMIN) {
          expect(invitations.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
          expect(memberships.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
          return;
        }
        const invited = invitations.data?.invitations.edges.map((edge) => edge.node) ?? [];
        expect(new Set(invited.map((node) => node.membership.territoryId))).toEqual(
          new Set([territoryA.id, territoryB.id]),
        );
        expect(invited.every((node) => node.membership.role === Role.TERRITORY_ADMIN)).toBe(true);
        const held = memberships.data?.memberships.edges.map((edge) => edge.node) ?? [];
        expect(held.map((node) => node.role)).toEqual(held.map(() => Role.TERRITORY_ADMIN));
        expect(held.map((node) => node.accountId)).toContain(accountIds.get(Role.TERRITORY_ADMIN));
      },
    );

    it.each([
      ['invitations', INVITATIONS],
      ['memberships', MEMBERSHIPS],
    ])('%s: an unknown id is refused exactly like another territory’s', async (_list, query) => {
      const admin = client(Role.TERRITORY_ADMIN);
      const foreign = [
        await admin.execute(query, { structureId: foreignStructure.id }),
        await admin.execute(query, { territoryId: territoryB.id }),
      ];
      const unknown = [
        await admin.execute(query, { structureId: randomUUID() }),
        await admin.execute(query, { territoryId: randomUUID() }),
        await client(Role.PLATFORM_ADMIN).execute(query, { territoryId: randomUUID() }),
      ];
      const refusals = [...foreign, ...unknown].map((result) =>
        result.errors?.map(({ message, extensions }) => ({ message, extensions })),
      );
      expect(new Set(refusals.map((refusal) => JSON.stringify(refusal))).size).toBe(1);
      expect(refusals[0]).toEqual([
        {
          message: expect.any(String) as string,
          extensions: { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
        },
      ]);
    });

    it.each([
      ['a malformed structure id', () => ({ structureId: 'not-an-id' }), 'structureId'],
      ['a malformed territory id', () => ({ territoryId: '44' }), 'territoryId'],
      [
        'both a structure and a territory',
        () => ({ structureId: ownStructure.id, territoryId: territoryA.id }),
        'structureId',
      ],
      ['a page of 101', () => ({ territoryId: territoryA.id, first: 101 }), 'first'],
      ['a page of 0', () => ({ territoryId: territoryA.id, first: 0 }), 'first'],
      [
        'a cursor it did not give',
        () => ({ territoryId: territoryA.id, after: 'garbage' }),
        'after',
      ],
      [
        'a well-formed cursor of the wrong shape',
        () => ({ territoryId: territoryA.id, after: encodeCursor(['x', 'y']) }),
        'after',
      ],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, variables, field) => {
      const admin = client(Role.TERRITORY_ADMIN);
      for (const query of [INVITATIONS, MEMBERSHIPS]) {
        const result = await admin.execute(query, variables());
        expect(result.errors?.map((error) => error.extensions)).toEqual([
          expect.objectContaining({
            code: 'BAD_USER_INPUT',
            reason: expect.any(String) as string,
            field,
          }),
        ]);
      }
    });
  });

  describe('the invitations list', () => {
    it('shows an invitation made with inviteAccount, with the invitee, the membership and who invited', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      const invited = await invite(
        admin,
        Role.PROFESSIONAL,
        { structureId: ownStructure.id },
        { givenName: 'Maëlle', familyName: 'Le Goff' },
      );
      const page = await invitationsAs(admin, { structureId: ownStructure.id, first: 1 });
      expect(page.edges.map((edge) => edge.node)).toEqual([
        {
          id: invited.invitationId,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
          accepted: false,
          invitedByAccountId: accountIds.get(Role.TERRITORY_ADMIN),
          invitedByMembershipId: membershipIds.get(Role.TERRITORY_ADMIN),
          account: {
            id: invited.accountId,
            email: invited.email,
            givenName: 'Maëlle',
            familyName: 'Le Goff',
            status: 'ACTIVE',
          },
          membership: {
            id: invited.membershipId,
            accountId: invited.accountId,
            role: Role.PROFESSIONAL,
            structureId: ownStructure.id,
            territoryId: territoryA.id,
            revokedAt: null,
          },
        },
      ]);
      expect(page.pageInfo.hasNextPage).toBe(true);

      // The structure admin sees it too (a professional of their structure), and the territory list has it.
      const asStructureAdmin = await invitationsAs(client(Role.STRUCTURE_ADMIN), {
        structureId: ownStructure.id,
        first: 1,
      });
      expect(asStructureAdmin.edges[0]?.node.id).toBe(invited.invitationId);
      const territoryList = await invitationsAs(admin, { territoryId: territoryA.id, first: 1 });
      expect(territoryList.edges[0]?.node.id).toBe(invited.invitationId);

      // Once the invitee has signed in through the provider, the invitation reads as accepted.
      await relais.dataSource.query(
        `UPDATE account SET oidc_issuer = 'https://idp.example.test', oidc_subject = $2 WHERE id = $1`,
        [invited.accountId, `subject-${invited.accountId}`],
      );
      const accepted = await invitationsAs(admin, { structureId: ownStructure.id, first: 1 });
      expect(accepted.edges[0]?.node).toMatchObject({ id: invited.invitationId, accepted: true });
    });

    it('shows a structure admin the invitations of professionals only, and the territory admin all of them', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      const manager = await invite(admin, Role.ORIENTATION_MANAGER, {
        structureId: ownStructure.id,
      });
      const structureAdmin = await invite(admin, Role.STRUCTURE_ADMIN, {
        structureId: ownStructure.id,
      });
      const professional = await invite(admin, Role.PROFESSIONAL, { structureId: ownStructure.id });
      const seenByStructureAdmin = await walk((after) =>
        invitationsAs(client(Role.STRUCTURE_ADMIN), { structureId: ownStructure.id, after }),
      );
      const ids = seenByStructureAdmin.nodes.map((node) => node.id);
      expect(ids).toContain(professional.invitationId);
      expect(ids).not.toContain(manager.invitationId);
      expect(ids).not.toContain(structureAdmin.invitationId);

      const seenByTerritoryAdmin = await invitationsAs(admin, {
        structureId: ownStructure.id,
        first: 3,
      });
      expect(seenByTerritoryAdmin.edges.map((edge) => edge.node.id)).toEqual([
        professional.invitationId,
        structureAdmin.invitationId,
        manager.invitationId,
      ]);
    });

    it('shows the platform admin the territory admins they invited', async () => {
      const platform = client(Role.PLATFORM_ADMIN);
      const invited = await invite(platform, Role.TERRITORY_ADMIN, { territoryId: territoryA.id });
      const page = await invitationsAs(platform, { territoryId: territoryA.id, first: 100 });
      expect(page.edges[0]?.node).toMatchObject({
        id: invited.invitationId,
        invitedByAccountId: accountIds.get(Role.PLATFORM_ADMIN),
        invitedByMembershipId: membershipIds.get(Role.PLATFORM_ADMIN),
        membership: { role: Role.TERRITORY_ADMIN, structureId: null, territoryId: territoryA.id },
      });
      expect(page.edges.every((edge) => edge.node.membership.role === Role.TERRITORY_ADMIN)).toBe(
        true,
      );
      // The territory admins of the territory see it as well.
      const asTerritoryAdmin = await invitationsAs(client(Role.TERRITORY_ADMIN), {
        territoryId: territoryA.id,
        first: 100,
      });
      expect(asTerritoryAdmin.edges.map((edge) => edge.node.id)).toContain(invited.invitationId);
    });

    it('pages newest first with first = 1 and the cursors, with no row lost or repeated', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      // Three invitations within one millisecond: a cursor cut to milliseconds would skip two.
      const [{ id: model }] = await relais.dataSource.query<{ id: string }[]>(
        'SELECT id FROM invitation WHERE territory_id = $1 LIMIT 1',
        [territoryA.id],
      );
      for (const microseconds of ['100', '200', '300']) {
        await relais.dataSource.query(
          `INSERT INTO invitation (account_id, membership_id, invited_by_membership_id, territory_id, structure_id, created_at)
         SELECT account_id, membership_id, invited_by_membership_id, territory_id, structure_id, $2
           FROM invitation WHERE id = $1`,
          [model, `2001-02-03T04:05:06.000${microseconds}Z`],
        );
      }
      const whole = await invitationsAs(admin, { territoryId: territoryA.id, first: 100 });
      expect(whole.pageInfo.hasNextPage).toBe(false);
      const times = whole.edges.map((edge) => Date.parse(edge.node.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));

      const walked = await walk((after) =>
        invitationsAs(admin, { territoryId: territoryA.id, first: 1, after }),
      );
      expect(walked.nodes.map((node) => node.id)).toEqual(whole.edges.map((edge) => edge.node.id));
      expect(walked.pages).toBe(whole.edges.length);
    });
  });

  describe('the memberships list', () => {
    it('gives the ids to revoke and to disable, and shows a revoked membership only when asked', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      const invited = await invite(
        admin,
        Role.PROFESSIONAL,
        { structureId: otherStructure.id },
        { givenName: 'Yanis', familyName: 'Aaronson' },
      );
      const listed = await membershipsAs(admin, { structureId: otherStructure.id, first: 100 });
      const row = listed.edges.find((edge) => edge.node.id === invited.membershipId)?.node;
      expect(row).toEqual({
        id: invited.membershipId,
        accountId: invited.accountId,
        role: Role.PROFESSIONAL,
        structureId: otherStructure.id,
        territoryId: territoryA.id,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
        revokedAt: null,
        account: {
          id: invited.accountId,
          email: invited.email,
          givenName: 'Yanis',
          familyName: 'Aaronson',
          status: 'ACTIVE',
        },
      });

      await admin.data(`mutation($id: ID!) { revokeMembership(id: $id) { id } }`, {
        id: invited.membershipId,
      });

      const active = await walk((after) =>
        membershipsAs(admin, { structureId: otherStructure.id, first: 2, after }),
      );
      expect(active.nodes.map((node) => node.id)).not.toContain(invited.membershipId);
      expect(active.nodes.every((node) => node.revokedAt === null)).toBe(true);

      const all = await walk((after) =>
        membershipsAs(admin, {
          territoryId: territoryA.id,
          includeRevoked: true,
          first: 2,
          after,
        }),
      );
      expect(all.nodes.find((node) => node.id === invited.membershipId)?.revokedAt).toEqual(
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      );
    });

    it('shows a structure admin the professionals of their structure only', async () => {
      const seen = await walk((after) =>
        membershipsAs(client(Role.STRUCTURE_ADMIN), { structureId: ownStructure.id, after }),
      );
      expect(seen.nodes.map((node) => node.accountId)).toContain(accountIds.get(Role.PROFESSIONAL));
      expect(new Set(seen.nodes.map((node) => node.role))).toEqual(new Set([Role.PROFESSIONAL]));
      const all = await walk((after) =>
        membershipsAs(client(Role.TERRITORY_ADMIN), { structureId: ownStructure.id, after }),
      );
      expect(all.nodes.map((node) => node.accountId)).toEqual(
        expect.arrayContaining([
          accountIds.get(Role.STRUCTURE_ADMIN),
          accountIds.get(Role.ORIENTATION_MANAGER),
          accountIds.get(Role.PROFESSIONAL),
        ]),
      );
    });

    it('pages by family name with first = 1 and the cursors, with no row lost or repeated', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      const whole = await membershipsAs(admin, {
        territoryId: territoryA.id,
        includeRevoked: true,
        first: 100,
      });
      expect(whole.pageInfo.hasNextPage).toBe(false);
      const walked = await walk((after) =>
        membershipsAs(admin, { territoryId: territoryA.id, includeRevoked: true, first: 1, after }),
      );
      expect(walked.nodes.map((node) => node.id)).toEqual(whole.edges.map((edge) => edge.node.id));
      expect(walked.pages).toBe(whole.edges.length);
      expect(new Set(walked.nodes.map((node) => node.id)).size).toBe(walked.nodes.length);
    });

    it('reads a page in as many statements whatever its size (one for the list)', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      {
        // Counts what the requests send, not what background workers run meanwhile.
        const countFor = (request: () => Promise<unknown>) =>
          countStatements(relais.dataSource, request);
        const variables = { territoryId: territoryA.id, includeRevoked: true };
        const small = await countFor(() => membershipsAs(admin, { ...variables, first: 1 }));
        const large = await countFor(() => membershipsAs(admin, { ...variables, first: 100 }));
        expect(small).toBeGreaterThan(0);
        expect(large).toBe(small);
        const invitationsSmall = await countFor(() =>
          invitationsAs(admin, { territoryId: territoryA.id, first: 1 }),
        );
        const invitationsLarge = await countFor(() =>
          invitationsAs(admin, { territoryId: territoryA.id, first: 100 }),
        );
        expect(invitationsLarge).toBe(invitationsSmall);
      }
    });
  });

  describe('isolation between territories', () => {
    it('never shows a territory admin of A a row of territory B, in any list, on any page', async () => {
      const admin = client(Role.TERRITORY_ADMIN);
      const lists = [
        ...[
          { territoryId: territoryA.id },
          { structureId: ownStructure.id },
          { structureId: otherStructure.id },
        ].flatMap((place) => [
          walk((after) => invitationsAs(admin, { ...place, first: 3, after })).then((walked) =>
            walked.nodes.map((node) => ({
              ...node.membership,
              id: node.id,
              membershipId: node.membership.id,
            })),
          ),
          walk((after) =>
            membershipsAs(admin, { ...place, includeRevoked: true, first: 3, after }),
          ).then((walked) => walked.nodes.map((node) => ({ ...node, membershipId: node.id }))),
        ]),
      ];
      const rows = (await Promise.all(lists)).flat();
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) {
        expect(row.territoryId).toBe(territoryA.id);
        expect(inB.invitationIds.has(row.id)).toBe(false);
        expect(inB.membershipIds.has(row.membershipId)).toBe(false);
      }
    });

    it('lists territories: a territory admin of A only A, a professional their own, a platform admin all', async () => {
      const TERRITORIES = `query { territories { id code } }`;
      const ids = async (caller: GraphqlHttpClient) =>
        (await caller.data<{ territories: { id: string }[] }>(TERRITORIES)).territories.map(
          (territory) => territory.id,
        );
      expect(await ids(client(Role.TERRITORY_ADMIN))).toEqual([territoryA.id]);
      expect(await ids(client(Role.PROFESSIONAL))).toEqual([territoryA.id]);
      expect(await ids(territoryAdminB)).toEqual([territoryB.id]);
      expect(await ids(client(Role.PLATFORM_ADMIN))).toEqual(
        expect.arrayContaining([territoryA.id, territoryB.id]),
      );
      const everyTerritory = await relais.dataSource.query<{ id: string }[]>(
        'SELECT id FROM territory',
      );
      expect((await ids(client(Role.PLATFORM_ADMIN))).length).toBe(everyTerritory.length);
    });
  });
});
