import { subject } from '@casl/ability';
import { Role } from '@relais/identity';
import { accountPrincipal } from '@relais/testing';
import { abilityFor } from './ability.js';

const T44 = 'territory-44';
const T85 = 'territory-85';
const CD44 = 'structure-cd44';
const ML44 = 'structure-ml44';

const principal = accountPrincipal;

const structure = (id: string, territoryId: string) => subject('Structure', { id, territoryId });
const membership = (role: Role, structureId: string | null, territoryId: string | null) =>
  subject('Membership', { role, structureId, territoryId });

describe('abilityFor', () => {
  it('gives a followed person in their space no right over accounts, places or admin records', () => {
    const ability = abilityFor({
      kind: 'person',
      personId: 'person-1',
      sessionId: 'session-1',
      memberships: [],
    });
    expect(ability.rules).toEqual([]);
    expect(ability.can('read', structure(CD44, T44))).toBe(false);
    expect(ability.can('read', subject('Account', { id: 'account-1' }))).toBe(false);
  });

  it('lets anyone read their own account and nobody else’s', () => {
    const ability = abilityFor(principal([Role.PROFESSIONAL, CD44, T44]));
    expect(ability.can('read', subject('Account', { id: 'account-1' }))).toBe(true);
    expect(ability.can('read', subject('Account', { id: 'account-2' }))).toBe(false);
  });

  it('keeps a territory admin to their territory', () => {
    const ability = abilityFor(principal([Role.TERRITORY_ADMIN, null, T44]));
    expect(ability.can('update', structure(CD44, T44))).toBe(true);
    expect(ability.can('update', structure('structure-cd85', T85))).toBe(false);
    expect(ability.can('create', membership(Role.PROFESSIONAL, ML44, T44))).toBe(true);
    expect(ability.can('create', membership(Role.PROFESSIONAL, 'structure-ml85', T85))).toBe(false);
    expect(ability.can('create', membership(Role.PLATFORM_ADMIN, null, null))).toBe(false);
  });

  it('keeps a structure admin to the professionals of their structure', () => {
    const ability = abilityFor(principal([Role.STRUCTURE_ADMIN, CD44, T44]));
    expect(ability.can('create', membership(Role.PROFESSIONAL, CD44, T44))).toBe(true);
    expect(ability.can('create', membership(Role.PROFESSIONAL, ML44, T44))).toBe(false);
    expect(ability.can('create', membership(Role.STRUCTURE_ADMIN, CD44, T44))).toBe(false);
    expect(ability.can('update', structure(CD44, T44))).toBe(false);
  });

  it('lets a platform admin create territories and their first admins, and read no structure', () => {
    const ability = abilityFor(principal([Role.PLATFORM_ADMIN, null, null]));
    expect(ability.can('create', 'Territory')).toBe(true);
    expect(ability.can('create', membership(Role.TERRITORY_ADMIN, null, T85))).toBe(true);
    expect(ability.can('create', membership(Role.PROFESSIONAL, CD44, T44))).toBe(false);
    expect(ability.can('read', structure(CD44, T44))).toBe(false);
  });

  it('adds up the rights of every membership', () => {
    const ability = abilityFor(
      principal([Role.PROFESSIONAL, ML44, T44], [Role.STRUCTURE_ADMIN, CD44, T44]),
    );
    expect(ability.can('read', structure(ML44, T44))).toBe(true);
    expect(ability.can('create', membership(Role.PROFESSIONAL, CD44, T44))).toBe(true);
    expect(ability.can('create', membership(Role.PROFESSIONAL, ML44, T44))).toBe(false);
  });

  it('gives a caseworker no admin right', () => {
    const ability = abilityFor(principal([Role.PROFESSIONAL, CD44, T44]));
    expect(ability.can('read', structure(ML44, T44))).toBe(true);
    expect(ability.can('read', structure('structure-cd85', T85))).toBe(false);
    expect(ability.can('create', membership(Role.PROFESSIONAL, CD44, T44))).toBe(false);
    expect(
      ability.can('read', subject('AdminAuditEvent', { territoryId: T44, structureId: null })),
    ).toBe(false);
  });
});
