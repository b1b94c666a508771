import { Injectable } from '@nestjs/common';
import type { QueryRunner } from 'typeorm';

/**
 * The structure table for a bulk import that names structures by reference (the team import's
 * `structure_ref`): one statement on the import's query runner, where the temporary
 * `import_stage` table lives.
 */
@Injectable()
export class StructureRefsRepository {
  /**
   * `ref_structure_ids`: the structures each line's reference names, by their identifier in the
   * département's software or by their name.
   */
  async stageStructureRefs(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET ref_structure_ids = ARRAY(
         SELECT t.id FROM structure t
          WHERE t.external_id = s.structure_ref::text OR t.name = s.structure_ref)
        WHERE s.structure_ref IS NOT NULL`,
    );
  }
}
