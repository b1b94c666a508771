import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { Role } from '@relais/identity';
import { accountPrincipal } from '@relais/testing';
import { abilityFor, type RelaisAbility } from './ability.js';
import { type MembershipListPlace, readableMembershipRoles } from './membership-list.policy.js';

const T44 = 'territory-44';
const T85 = 'territory-85';
const CD44 = 'structure-cd44';
const ML44 = 'structure-ml44';

const principal = accountPrincipal;

const structure = (structureId: string, territoryId: string): MembershipListPlace => ({
  kind: 'structure',
  structureId,
  territoryId,
});
const territory = (territoryId: string): MembershipListPlace => ({
  kind: 'territory',
  territoryId,
});
const platform: MembershipListPlace = { kind: 'platform' };

const ALL_OF_A_TERRITORY = [
  Role.PROFESSIONAL,
  Role.ORIENTATION_MANAGER,
  Role.STRUCTURE_ADMIN,
  Role.TERRITORY_ADMIN,
];
const ALL_OF_A_STRUCTURE = [Role.PROFESSIONAL, Role.ORIENTATION_MANAGER, Role.STRUCTURE_ADMIN];

describe('readableMembershipRoles', () => {
  it.each([
    [
      'a territory admin, its territory',
      [Role.TERRITORY_ADMIN, null, T44],
      territory(T44),
      ALL_OF_A_TERRITORY,
    ],
    [
      'a territory admin, a structure of its territory',
      [Role.TERRITORY_ADMIN, null, T44],
      structure(ML44, T44),
      ALL_OF_A_STRUCTURE,
    ],
    ['a territory admin, another territory', [Role.TERRITORY_ADMIN, null, T44], territory(T85), []],
    [
      'a territory admin, a structure elsewhere',
      [Role.TERRITORY_ADMIN, null, T44],
      structure('structure-85', T85),
      [],
    ],
    ['a territory admin, the platform', [Role.TERRITORY_ADMIN, null, T44], platform, []],
    [
      'a structure admin, its structure',
      [Role.STRUCTURE_ADMIN, CD44, T44],
      structure(CD44, T44),
      [Role.PROFESSIONAL],
    ],
    [
      'a structure admin, a neighbour structure',
      [Role.STRUCTURE_ADMIN, CD44, T44],
      structure(ML44, T44),
      [],
    ],
    ['a structure admin, its territory', [Role.STRUCTURE_ADMIN, CD44, T44], territory(T44), []],
    [
      'a platform admin, the platform',
      [Role.PLATFORM_ADMIN, null, null],
      platform,
      [Role.TERRITORY_ADMIN],
    ],
    [
      'a platform admin, any territory',
      [Role.PLATFORM_ADMIN, null, null],
      territory(T85),
      [Role.TERRITORY_ADMIN],
    ],
    ['a platform admin, a structure', [Role.PLATFORM_ADMIN, null, null], structure(CD44, T44), []],
    [
      'an orientation manager, its structure',
      [Role.ORIENTATION_MANAGER, CD44, T44],
      structure(CD44, T44),
      [],
    ],
    [
      'an orientation manager, its territory',
      [Role.ORIENTATION_MANAGER, CD44, T44],
      territory(T44),
      [],
    ],
    ['a professional, its structure', [Role.PROFESSIONAL, CD44, T44], structure(CD44, T44), []],
  ] as const)('%s', (_case, membership, place, roles) => {
    expect(readableMembershipRoles(abilityFor(principal([...membership])), place)).toEqual(roles);
  });

  it('adds up the memberships of one account', () => {
    const ability = abilityFor(
      principal([Role.STRUCTURE_ADMIN, CD44, T44], [Role.TERRITORY_ADMIN, null, T85]),
    );
    expect(readableMembershipRoles(ability, structure(CD44, T44))).toEqual([Role.PROFESSIONAL]);
    expect(readableMembershipRoles(ability, territory(T85))).toEqual(ALL_OF_A_TERRITORY);
    expect(readableMembershipRoles(ability, territory(T44))).toEqual([]);
  });

  it('refuses to answer when a rule forbids reading some memberships', () => {
    const { can, cannot, build } = new AbilityBuilder<RelaisAbility>(createMongoAbility);
    can('read', 'Membership', { territoryId: T44 });
    cannot('read', 'Membership', { structureId: CD44 });
    expect(() => readableMembershipRoles(build(), territory(T44))).toThrow(/cannot/);
  });
});
