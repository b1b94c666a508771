import { Role, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity } from '@relais/organizations';
import { type PersonEntity, PersonStatus, TeamLeaveReason, TeamRole } from '@relais/pathways';
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
} from '@relais/testing';
import { startRelais } from '../support/app.js';

/*
 * Two questions, answered by different code: "may I open this file?" (FileAccessService: facts
 * selected in SQL, decided by fileViewerFor) and "is it in my lists?" (the caseload and the search,
 * SQL read models). This walks every kind of caller over every kind of file, through GraphQL as
 * a client does, and checks that the answers agree as DOMAIN.md and decision 0007 say they must:
 *   - the caseload is "the people whose team you are in": a file is in it exactly when it opens
 *     with the TEAM_MEMBER ground (and the same team role), archived files being out of lists;
 *   - search shows the minimal view of the people of one's territory and says whether one
 *     follows them: `isMember` exactly when the file opens with the TEAM_MEMBER ground;
 *   - search may show more than opens (the minimal view, to ask to join), never less: whoever
 *     opens an active file finds it;
 *   - an archived file is out of both lists, and opens read-only.
 */

const OPEN = `query($id: ID!) { person(id: $id) { id access { ground teamRole canWrite } } }`;
const CASELOAD = `query { caseload(first: 100) { edges { node { myRole person { id } } } } }`;
const SEARCH = `query($q: String!) {
  searchPeople(query: $q, first: 100) { edges { node { id isMember } } }
}`;

const FILES = ['active', 'restricted', 'objection', 'archived'] as const;
type FileKind = (typeof FILES)[number];

const CALLERS = [
  'referent',
  'follower',
  'formerReferent',
  'expiredFormerReferent',
  'outsider',
  'orientationManager',
  'otherTerritory',
  'partner',
  'partnerInScope',
  'partnerOutOfScope',
] as const;
type Caller = (typeof CALLERS)[number];

interface Seen {
  /** Null: the file does not open (FORBIDDEN). */
  ground: string | null;
  teamRole: string | null;
  canWrite: boolean | null;
  /** Null: not in the caseload. */
  caseloadRole: string | null;
  found: boolean;
  isMember: boolean | null;
}

const CASES = CALLERS.flatMap((caller) => FILES.map((file) => [caller, file] as const));

/**
 * What each caller opens, per DOMAIN.md's access rules and decision 0007: team members on every
 * file (archived and restricted read-only), the former referent for 30 days, the orientation
 * manager of the territory; partner clients of the territory or of a structure in the team,
 * unless the person restricted or objected.
 */
const GROUND: Record<Caller, string | null> = {
  referent: 'TEAM_MEMBER',
  follower: 'TEAM_MEMBER',
  formerReferent: 'FORMER_REFERENT',
  expiredFormerReferent: null,
  outsider: null,
  orientationManager: 'ORIENTATION_MANAGER',
  otherTerritory: null,
  partner: 'PARTNER_CLIENT',
  partnerInScope: 'PARTNER_CLIENT',
  partnerOutOfScope: null,
};
const PARTNERS: readonly Caller[] = ['partner', 'partnerInScope', 'partnerOutOfScope'];

/**
 * Who finds an active file in search, as documented: professionals, orientation managers and
 * structure admins of the territory (the minimal view), partner clients of the territory with
 * persons:read unless the person restricted or objected; a partner scoped to a structure only
 * the people that structure follows (need to know, DOMAIN.md rule 1).
 */
function documentedFound(caller: Caller, file: FileKind): boolean {
  if (file === 'archived' || caller === 'otherTerritory') return false;
  if (caller === 'partnerOutOfScope') return false;
  if (PARTNERS.includes(caller)) return file === 'active';
  return true;
}

/** Where the lists and the file disagree, by the relations stated at the top of this file. */
function disagreements(matrix: ReadonlyMap<string, Seen>): string[] {
  const found: string[] = [];
  for (const [caller, file] of CASES) {
    const key = `${caller}/${file}`;
    const { ground, teamRole, caseloadRole, found: inSearch, isMember } = matrix.get(key) as Seen;
    const teamMember = ground === 'TEAM_MEMBER';
    // Archived files are out of lists (DOMAIN.md rule 7) but still open, read-only.
    const listed = file !== 'archived';
    if ((caseloadRole !== null) !== (teamMember && listed)) {
      found.push(`${key}: in caseload ${caseloadRole !== null}, opens as ${ground ?? 'nobody'}`);
    }
    if (caseloadRole !== null && caseloadRole !== teamRole) {
      found.push(`${key}: caseload role ${caseloadRole}, file role ${teamRole ?? 'none'}`);
    }
    if (inSearch && isMember !== teamMember) {
      found.push(`${key}: search isMember ${isMember}, opens as ${ground ?? 'nobody'}`);
    }
    if (ground !== null && listed && !inSearch) found.push(`${key}: opens but search hides it`);
  }
  return found;
}

describe('visibility agreement: the file opens for me ⇔ what the caseload and search show', () => {
  let relais: TestApp;
  const seen = new Map<string, Seen>();
  const at = (caller: Caller, file: FileKind): Seen => seen.get(`${caller}/${file}`) as Seen;

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    const territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    const departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    const franceTravail = await createStructure(ds, territory, {
      type: StructureType.FRANCE_TRAVAIL,
    });
    const association = await createStructure(ds, territory, { type: StructureType.ASSOCIATION });
    const farAway = await createStructure(ds, elsewhere, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });

    const caseworker = async (structure: StructureEntity, role = Role.PROFESSIONAL) => {
      const account = await createAccount(ds);
      const membership: MembershipEntity = await addMembership(ds, account, {
        role: role as Role.PROFESSIONAL,
        structure,
      });
      return { account, membership };
    };
    const referent = await caseworker(departement);
    const follower = await caseworker(missionLocale);
    const formerReferent = await caseworker(franceTravail);
    const expired = await caseworker(missionLocale);
    const outsider = await caseworker(franceTravail);
    const orientationManager = await caseworker(departement, Role.ORIENTATION_MANAGER);
    const otherTerritory = await caseworker(farAway);

    const files = new Map<FileKind, PersonEntity>();
    for (const [index, file] of FILES.entries()) {
      const person = await createPerson(ds, territory, {
        cafNumber: String(7_000_000 + (Date.now() % 990_000) + index),
        restricted: file === 'restricted',
        objection: file === 'objection',
        status: file === 'archived' ? PersonStatus.ARCHIVED : PersonStatus.ACTIVE,
        archivedAt: file === 'archived' ? new Date() : null,
      });
      files.set(file, person);
      const member = (
        who: typeof referent,
        role: TeamRole,
        left?: { at: Date; reason: TeamLeaveReason },
      ) => addTeamMember(ds, person, who.account, who.membership, role, left);
      await member(referent, TeamRole.REFERENT);
      await member(follower, TeamRole.FOLLOWER);
      await member(formerReferent, TeamRole.REFERENT, {
        at: new Date(Date.now() - 10 * 86_400_000),
        reason: TeamLeaveReason.HANDOVER,
      });
      await member(expired, TeamRole.REFERENT, {
        at: new Date(Date.now() - 31 * 86_400_000),
        reason: TeamLeaveReason.HANDOVER,
      });
    }

    const clients: Record<Caller, GraphqlHttpClient> = {
      referent: await relais.graphqlAs(referent.account.id),
      follower: await relais.graphqlAs(follower.account.id),
      formerReferent: await relais.graphqlAs(formerReferent.account.id),
      expiredFormerReferent: await relais.graphqlAs(expired.account.id),
      outsider: await relais.graphqlAs(outsider.account.id),
      orientationManager: await relais.graphqlAs(orientationManager.account.id),
      otherTerritory: await relais.graphqlAs(otherTerritory.account.id),
      partner: await relais.graphqlAsClient(await createApiClient(ds, territory, ['persons:read'])),
      partnerInScope: await relais.graphqlAsClient(
        await createApiClient(ds, territory, ['persons:read'], missionLocale),
      ),
      partnerOutOfScope: await relais.graphqlAsClient(
        await createApiClient(ds, territory, ['persons:read'], association),
      ),
    };

    for (const caller of CALLERS) {
      const client = clients[caller];
      const caseload = await client.execute<{
        caseload: { edges: { node: { myRole: string; person: { id: string } } }[] };
      }>(CASELOAD);
      // A partner system is in no team: its caseload is empty (or refused, which says the same).
      const caseloadRoles = new Map(
        (caseload.data?.caseload.edges ?? []).map(({ node }) => [node.person.id, node.myRole]),
      );
      for (const file of FILES) {
        const person = files.get(file) as PersonEntity;
        const opened = await client.execute<{
          person: { access: { ground: string; teamRole: string | null; canWrite: boolean } };
        }>(OPEN, { id: person.id });
        if (!opened.data?.person) {
          expect(opened.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        }
        const search = await client.execute<{
          searchPeople: { edges: { node: { id: string; isMember: boolean } }[] };
        }>(SEARCH, { q: person.cafNumber });
        const hit = search.data?.searchPeople.edges.find(({ node }) => node.id === person.id);
        seen.set(`${caller}/${file}`, {
          ground: opened.data?.person.access.ground ?? null,
          teamRole: opened.data?.person.access.teamRole ?? null,
          canWrite: opened.data?.person.access.canWrite ?? null,
          caseloadRole: caseloadRoles.get(person.id) ?? null,
          found: hit !== undefined,
          isMember: hit?.node.isMember ?? null,
        });
      }
    }
  });

  afterAll(async () => {
    await relais.close();
  });

  it('opens each file for whom the access rules say, on the ground they say', () => {
    for (const [caller, file] of CASES) {
      const expected =
        PARTNERS.includes(caller) && file !== 'active' && file !== 'archived'
          ? null
          : GROUND[caller];
      expect({ caller, file, ground: at(caller, file).ground }).toEqual({
        caller,
        file,
        ground: expected,
      });
    }
  });

  it('puts a file in my caseload, and search says I follow the person, exactly when it opens for me as a team member; search finds every active file that opens', () => {
    expect(disagreements(seen)).toEqual([]);
  });

  describe('canary: a list that disagrees with the file is caught', () => {
    const changed = (key: string, change: Partial<Seen>) =>
      new Map([...seen].map(([k, v]) => [k, k === key ? { ...v, ...change } : v]));

    it.each([
      ['a caseload missing a file of my team', 'follower/active', { caseloadRole: null }],
      [
        'a caseload holding a file I only read as former referent',
        'formerReferent/active',
        { caseloadRole: 'REFERENT' },
      ],
      ['a caseload giving me another role', 'referent/objection', { caseloadRole: 'FOLLOWER' }],
      ['a caseload holding an archived file', 'referent/archived', { caseloadRole: 'REFERENT' }],
      ['search saying I follow someone I do not', 'orientationManager/active', { isMember: true }],
      [
        'search hiding a file that opens for me',
        'partnerInScope/active',
        { found: false, isMember: null },
      ],
    ] as const)('%s', (_case, key, change) => {
      expect(disagreements(changed(key, change))).not.toEqual([]);
    });
  });

  it('finds in search whom the access rules say: the territory’s professionals, partners unless restricted or objected, a structure’s partner only its people', () => {
    for (const [caller, file] of CASES) {
      const expected = documentedFound(caller, file);
      expect({ caller, file, found: at(caller, file).found }).toEqual({
        caller,
        file,
        found: expected,
      });
    }
  });

  it('opens an archived or restricted file read-only, even to its team', () => {
    for (const caller of ['referent', 'follower'] as const) {
      expect(at(caller, 'active').canWrite).toBe(true);
      expect(at(caller, 'objection').canWrite).toBe(true);
      expect(at(caller, 'restricted').canWrite).toBe(false);
      expect(at(caller, 'archived').canWrite).toBe(false);
    }
  });
});
