import { join } from 'node:path';
import {
  applicationSources,
  ownershipViolations,
  tableOwners,
  type SourceFile,
} from './table-ownership.js';

const root = join(import.meta.dirname, '..', '..');
const sources = applicationSources(root);
const owners = tableOwners(sources);

const entity = (path: string, table: string, name: string): SourceFile => ({
  path,
  text: `@Entity('${table}')\nexport class ${name} {}\n`,
});

describe('one owner per table', () => {
  it('knows every table of the schema and its owning lib', () => {
    const byTable = new Map(owners.map((owner) => [owner.table, owner.lib]));
    expect(byTable.get('team_member')).toBe('pathways');
    expect(byTable.get('membership')).toBe('identity');
    expect(byTable.get('handover')).toBe('handovers');
    expect(byTable.get('outbox_event')).toBe('events');
    expect(owners.length).toBeGreaterThanOrEqual(28);
    expect(new Set(owners.map((owner) => owner.table)).size).toBe(owners.length);
  });

  it('finds no file outside an owner’s repositories or the read models that names a table', () => {
    const found = ownershipViolations(sources, owners).map(
      (v) => `${v.path}:${v.line} ${v.table} (${v.owner}): ${v.why}`,
    );
    expect(found).toEqual([]);
  });

  describe('canary: the scan catches what the rule forbids', () => {
    const canaryOwners = tableOwners([
      entity('libs/pathways/src/team/team-member.entity.ts', 'team_member', 'TeamMemberEntity'),
      entity('libs/identity/src/membership.entity.ts', 'membership', 'MembershipEntity'),
    ]);
    const scan = (path: string, text: string) =>
      ownershipViolations([{ path, text }], canaryOwners).map((v) => `${v.table}: ${v.why}`);

    it('another lib writing the table in SQL', () => {
      expect(
        scan(
          'libs/handovers/src/handover-answer.service.ts',
          'await manager.query(`UPDATE team_member SET ended_at = now() WHERE id = $1`, [id]);',
        ),
      ).toEqual(["team_member: names pathways's table in SQL"]);
    });

    it('another lib joining the table, quoted, on several lines', () => {
      expect(
        scan(
          'libs/events/src/audience.ts',
          'const sql = `SELECT m.account_id\n  FROM membership m\n  JOIN "team_member" t ON t.membership_id = m.id`;',
        ),
      ).toEqual([
        "team_member: names pathways's table in SQL",
        "membership: names identity's table in SQL",
      ]);
    });

    it('another lib passing the entity class to TypeORM', () => {
      expect(
        scan(
          'libs/lifecycle/src/purge.ts',
          'await manager.delete(TeamMemberEntity, { personId });',
        ),
      ).toEqual([
        "team_member: passes TeamMemberEntity to TypeORM outside pathways's repositories",
      ]);
    });

    it('the owner naming its table in a service rather than a repository', () => {
      expect(
        scan('libs/pathways/src/team/team.service.ts', 'SELECT id FROM team_member WHERE x'),
      ).toEqual(['team_member: names its own table outside a *.repository.ts file']);
    });

    it('a read model that writes', () => {
      expect(
        scan(
          'libs/read-models/src/caseload.read-model.ts',
          'SELECT 1 FROM team_member; DELETE FROM membership WHERE id = $1',
        ),
      ).toEqual(['*: a read model writes; writes belong to the owner']);
    });

    it('lets the owner’s repository, a read model’s select, prose and types through', () => {
      expect(
        scan('libs/pathways/src/team/team.repository.ts', 'UPDATE team_member SET x = 1'),
      ).toEqual([]);
      expect(
        scan(
          'libs/read-models/src/caseload.read-model.ts',
          'SELECT 1 FROM team_member JOIN membership m ON true',
        ),
      ).toEqual([]);
      expect(
        scan(
          'libs/handovers/src/handover.rules.ts',
          '// a person moves from the team_member list\nconst row: TeamMemberEntity = x;\nimport { TeamMemberEntity } from "@relais/pathways";',
        ),
      ).toEqual([]);
    });
  });
});
