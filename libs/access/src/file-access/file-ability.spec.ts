import { subject } from '@casl/ability';
import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { accountPrincipal } from '@relais/testing';
import { fileAbilityFor } from './file-ability.js';
import { type FileFacts, fileViewerFor } from './file-viewer.js';

const T44 = 'territory-44';

function facts(
  stays: FileFacts['stays'],
  flags: Partial<Pick<FileFacts, 'archived' | 'restricted'>> = {},
): FileFacts {
  return {
    personId: 'person-1',
    territoryId: T44,
    archived: flags.archived ?? false,
    restricted: flags.restricted ?? false,
    objection: false,
    stays,
    teamStructureIds: ['structure-ml44'],
  };
}

const stay = (role: 'REFERENT' | 'FOLLOWER', active = true): FileFacts['stays'][number] => ({
  membershipId: 'membership-0',
  structureId: 'structure-ml44',
  structureType: StructureType.MISSION_LOCALE,
  role,
  active,
});

function mayExport(file: FileFacts, role = Role.PROFESSIONAL): boolean {
  const viewer = fileViewerFor(accountPrincipal([role, 'structure-ml44', T44]), file);
  return viewer !== null && fileAbilityFor(viewer).can('export', 'Person');
}

describe('fileAbilityFor: the RGPD export (decision 0013)', () => {
  it('is the active referent’s, archived or restricted file alike', () => {
    expect(mayExport(facts([stay('REFERENT')]))).toBe(true);
    expect(mayExport(facts([stay('REFERENT')], { archived: true }))).toBe(true);
    expect(mayExport(facts([stay('REFERENT')], { restricted: true }))).toBe(true);
  });

  it('is nobody else’s: follower, former referent, orientation manager', () => {
    expect(mayExport(facts([stay('FOLLOWER')]))).toBe(false);
    expect(mayExport(facts([stay('REFERENT', false)]))).toBe(false);
    expect(mayExport(facts([]), Role.ORIENTATION_MANAGER)).toBe(false);
  });
});

describe('fileViewerFor and fileAbilityFor: the person in their space (issue 22)', () => {
  const person = (personId: string) =>
    ({ kind: 'person', personId, sessionId: 'session-1', memberships: [] }) as const;

  it('opens the person’s own file on the ground SELF, read-only, and no other file', () => {
    const viewer = fileViewerFor(person('person-1'), facts([]));
    expect(viewer).toMatchObject({
      ground: 'SELF',
      accountId: null,
      membershipId: null,
      clientId: null,
      canWrite: false,
    });
    expect(fileViewerFor(person('person-2'), facts([]))).toBeNull();
  });

  it('reads what their RGPD export shows: sensitive parts, team notes, never a private note', () => {
    const viewer = fileViewerFor(person('person-1'), facts([]));
    if (!viewer) throw new Error('the person’s own file is theirs');
    const ability = fileAbilityFor(viewer);
    expect(ability.can('read', 'Person', 'identity')).toBe(true);
    expect(ability.can('read', 'Person', 'sensitiveRights')).toBe(true);
    expect(ability.can('read', 'Person', 'nir')).toBe(false);
    expect(ability.can('read', subject('PlanAction', { sensitive: true }))).toBe(true);
    expect(ability.can('read', subject('Obstacle', { sensitive: true }))).toBe(true);
    const note = (visibility: 'TEAM' | 'STRUCTURE' | 'AUTHOR', sensitive = false) =>
      subject('Note', {
        visibility,
        sensitive,
        authorAccountId: 'account-1',
        authorStructureId: 'structure-ml44',
        createdAt: new Date(),
      });
    expect(ability.can('read', note('TEAM'))).toBe(true);
    expect(ability.can('read', note('TEAM', true))).toBe(true);
    expect(ability.can('read', note('STRUCTURE'))).toBe(false);
    expect(ability.can('read', note('AUTHOR'))).toBe(false);
  });

  it('exports their own file and changes nothing', () => {
    const viewer = fileViewerFor(person('person-1'), facts([]));
    if (!viewer) throw new Error('the person’s own file is theirs');
    const ability = fileAbilityFor(viewer);
    expect(ability.can('export', 'Person')).toBe(true);
    expect(ability.can('update', 'Person')).toBe(false);
    expect(ability.can('update', 'PlanAction')).toBe(false);
    expect(ability.can('update', 'Note')).toBe(false);
  });
});
