import { type ClientPrincipal, Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { accountPrincipal } from '@relais/testing';
import { AccessGround } from '../access-log/access-ground.js';
import { type FileFacts, fileViewerFor } from './file-viewer.js';

/**
 * Who may open a file, on which ground, and what they may change and read (DOMAIN.md rules 1, 2,
 * 4 and 8), on the pure decision. The cast is that of test/pathways/people-access.e2e.ts,
 * which keeps one request per ground and per refusal, through GraphQL and the access log; the
 * 30-day limit of a former referent is the facts' SQL (an older stay is not among `stays`).
 */

const T44 = 'territory-44';
const T85 = 'territory-85';
const CD44 = 'structure-cd44';
const ML44 = 'structure-ml44';
const FT44 = 'structure-ft44';
const CD85 = 'structure-cd85';

type Stay = FileFacts['stays'][number];

/** The person's team: a referent at the département, a follower at the mission locale. */
function facts(
  stays: readonly Stay[],
  flags: Partial<Pick<FileFacts, 'archived' | 'restricted' | 'objection'>> = {},
): FileFacts {
  return {
    personId: 'person-1',
    territoryId: T44,
    archived: flags.archived ?? false,
    restricted: flags.restricted ?? false,
    objection: flags.objection ?? false,
    stays,
    teamStructureIds: [CD44, ML44],
  };
}

const stay = (
  structureId: string,
  structureType: StructureType,
  role: 'REFERENT' | 'FOLLOWER',
  active = true,
): Stay => ({ membershipId: 'membership-0', structureId, structureType, role, active });

const referentStay = stay(CD44, StructureType.CONSEIL_DEPARTEMENTAL, 'REFERENT');
const followerStay = stay(ML44, StructureType.MISSION_LOCALE, 'FOLLOWER');
const formerReferentStay = stay(FT44, StructureType.FRANCE_TRAVAIL, 'REFERENT', false);

const client = (
  scopes: string[],
  territoryId = T44,
  structureId: string | null = null,
): ClientPrincipal => ({
  kind: 'client',
  clientId: 'client-1',
  territoryId,
  structureId,
  scopes,
  memberships: [],
});

/** Each caller, with the stays of theirs the facts of the file would hold. */
const CAST = {
  referent: [accountPrincipal([Role.PROFESSIONAL, CD44, T44]), [referentStay]],
  follower: [accountPrincipal([Role.PROFESSIONAL, ML44, T44]), [followerStay]],
  formerReferent: [accountPrincipal([Role.PROFESSIONAL, FT44, T44]), [formerReferentStay]],
  // Ended more than 30 days ago: the facts' query leaves the stay out.
  expiredFormerReferent: [accountPrincipal([Role.PROFESSIONAL, ML44, T44]), []],
  orientationManager: [accountPrincipal([Role.ORIENTATION_MANAGER, CD44, T44]), []],
  outsider: [accountPrincipal([Role.PROFESSIONAL, FT44, T44]), []],
  otherTerritory: [accountPrincipal([Role.PROFESSIONAL, CD85, T85]), []],
  otherTerritoryOrientationManager: [accountPrincipal([Role.ORIENTATION_MANAGER, CD85, T85]), []],
  structureAdmin: [accountPrincipal([Role.STRUCTURE_ADMIN, CD44, T44]), []],
  territoryAdmin: [accountPrincipal([Role.TERRITORY_ADMIN, null, T44]), []],
  partner: [client(['persons:read']), []],
  partnerSensitive: [client(['persons:read', 'sensitive:read']), []],
  partnerWithoutScope: [client(['events:read']), []],
  partnerElsewhere: [client(['persons:read', 'persons:write'], T85), []],
  partnerOfAnotherStructure: [client(['persons:read'], T44, FT44), []],
  partnerOfATeamStructure: [client(['persons:read'], T44, ML44), []],
} as const;
type Who = keyof typeof CAST;

const viewerOf = (who: Who, flags: Parameters<typeof facts>[1] = {}) => {
  const [principal, stays] = CAST[who];
  return fileViewerFor(principal, facts(stays, flags));
};

describe('fileViewerFor', () => {
  it.each([
    // who, ground, team role, canWrite, canReadSensitive, canReadNir
    ['referent', AccessGround.TEAM_MEMBER, 'REFERENT', true, true, true],
    ['follower', AccessGround.TEAM_MEMBER, 'FOLLOWER', true, false, false],
    ['formerReferent', AccessGround.FORMER_REFERENT, null, false, false, true],
    ['orientationManager', AccessGround.ORIENTATION_MANAGER, null, false, false, false],
    ['partner', AccessGround.PARTNER_CLIENT, null, false, false, false],
    ['partnerSensitive', AccessGround.PARTNER_CLIENT, null, false, true, true],
    ['partnerOfATeamStructure', AccessGround.PARTNER_CLIENT, null, false, false, false],
  ] as const)(
    'lets the %s open it as %s',
    (who, ground, teamRole, canWrite, canReadSensitive, canReadNir) => {
      expect(viewerOf(who)).toMatchObject({
        ground,
        teamRole,
        canWrite,
        canReadSensitive,
        canReadNir,
      });
    },
  );

  it.each([
    'expiredFormerReferent',
    'outsider',
    'otherTerritory',
    'otherTerritoryOrientationManager',
    'structureAdmin',
    'territoryAdmin',
    'partnerWithoutScope',
    'partnerElsewhere',
    'partnerOfAnotherStructure',
  ] as const)('refuses the %s', (who) => {
    expect(viewerOf(who)).toBeNull();
  });

  it('reads and writes with the membership of the stay, a client with none', () => {
    expect(viewerOf('referent')).toMatchObject({
      membershipId: 'membership-0',
      accountId: 'account-1',
      clientId: null,
      structureIds: [CD44],
    });
    expect(viewerOf('partnerOfATeamStructure')).toMatchObject({
      membershipId: null,
      accountId: null,
      clientId: 'client-1',
      structureIds: [ML44],
    });
  });

  it('makes an archived or restricted file read-only for its team', () => {
    for (const flags of [{ archived: true }, { restricted: true }]) {
      expect(viewerOf('referent', flags)).toMatchObject({ ground: 'TEAM_MEMBER', canWrite: false });
      expect(viewerOf('follower', flags)).toMatchObject({ ground: 'TEAM_MEMBER', canWrite: false });
    }
  });

  it('hides a restricted file, and that of a person who objected, from every partner (rule 8)', () => {
    for (const flags of [{ restricted: true }, { objection: true }]) {
      expect(viewerOf('partner', flags)).toBeNull();
      expect(viewerOf('partnerSensitive', flags)).toBeNull();
      // The team still opens it.
      expect(viewerOf('referent', flags)?.ground).toBe(AccessGround.TEAM_MEMBER);
    }
  });

  it('gives a follower of a social body the sensitive data, and of France Travail the NIR only', () => {
    const member = (structureType: StructureType) =>
      fileViewerFor(
        accountPrincipal([Role.PROFESSIONAL, ML44, T44]),
        facts([stay(ML44, structureType, 'FOLLOWER')]),
      );
    expect(member(StructureType.CCAS)).toMatchObject({ canReadSensitive: true, canReadNir: true });
    expect(member(StructureType.FRANCE_TRAVAIL)).toMatchObject({
      canReadSensitive: false,
      canReadNir: true,
    });
  });

  it('prefers a referent stay to a follower one, and ignores stays of revoked memberships', () => {
    const principal = accountPrincipal(
      [Role.PROFESSIONAL, ML44, T44],
      [Role.PROFESSIONAL, CD44, T44],
    );
    const both = fileViewerFor(
      principal,
      facts([
        { ...followerStay, membershipId: 'membership-0' },
        { ...referentStay, membershipId: 'membership-1' },
      ]),
    );
    expect(both).toMatchObject({ teamRole: 'REFERENT', membershipId: 'membership-1' });
    const revoked = fileViewerFor(
      accountPrincipal([Role.PROFESSIONAL, ML44, T44]),
      facts([{ ...referentStay, membershipId: 'membership-gone' }]),
    );
    expect(revoked).toBeNull();
  });
});
