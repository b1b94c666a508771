import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';

/**
 * The account and membership tables for a bulk import of teams: each staged line's account by
 * email, and the professional membership it follows the person with. One statement each, on
 * the import's query runner, where the temporary `import_stage` table lives.
 */
@Injectable()
export class MembershipImportRepository {
  /** Each staged line's account, by its email. */
  async matchAccountsByEmail(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET account_id = a.id FROM account a WHERE a.email = s.email`,
    );
  }

  /**
   * The professional membership each line follows with: in one of the structures its
   * structure reference names (`ref_structure_ids`, staged by organizations), or their only one
   * in the territory; `memberships` counts the candidates.
   */
  async matchProfessionalMemberships(runner: QueryRunner, territoryId: string): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET memberships = m.n, membership_id = m.id, structure_id = m.structure_id
         FROM (SELECT s2.line, count(*)::int AS n, (array_agg(m.id))[1] AS id,
                      (array_agg(m.structure_id))[1] AS structure_id
                 FROM import_stage s2
                 JOIN membership m ON m.account_id = s2.account_id AND m.revoked_at IS NULL
                  AND m.role = 'PROFESSIONAL' AND m.territory_id = $1 AND m.structure_id IS NOT NULL
                WHERE s2.structure_ref IS NULL OR m.structure_id = ANY(s2.ref_structure_ids)
                GROUP BY s2.line) m
        WHERE m.line = s.line`,
      [territoryId],
    );
  }
}
