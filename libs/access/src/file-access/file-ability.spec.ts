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
