import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A problem found on a staged line (`line`, `column`, `message`). */
export interface StagedStructureProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/**
 * The bulk imports on organizations' side: set-based statements between the import's staging
 * table `import_stage` and the `structure` table. For the structures import, the staged rows
 * have external_id, type, name, siret, address_line, postal_code, city and the target_id the
 * import adds; for the accounts import, structure_ref and structure_id. Each runs in the
 * import's transaction (its manager). The column lists come from the import's fixed set.
 */
@Injectable()
export class StructureImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each staged line's structure, by its code, or else by its name (accounts import). */
  async resolveStagedStructureRefs(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE import_stage s SET structure_id = COALESCE(
          (SELECT t.id FROM structure t WHERE t.territory_id = $1 AND t.external_id = s.structure_ref::text),
          (SELECT t.id FROM structure t WHERE t.territory_id = $1 AND t.name = s.structure_ref))`,
      [territoryId],
    );
  }

  /** Each staged line's target: the territory's structure with its code. */
  async matchStagedByCode(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE import_stage s SET target_id = t.id FROM structure t
        WHERE t.territory_id = $1 AND t.external_id = s.external_id`,
      [territoryId],
    );
  }

  /** A structure created in Relais, without a code yet, is taken over by its name. */
  async matchStagedByName(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE import_stage s SET target_id = t.id FROM structure t
        WHERE s.target_id IS NULL AND t.territory_id = $1 AND t.external_id IS NULL AND t.name = s.name`,
      [territoryId],
    );
  }

  /** Lines naming a structure another structure of the territory already has the name of. */
  async nameCollisions(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StagedStructureProblem[]> {
    return manager.query<StagedStructureProblem[]>(
      `SELECT s.line, 'name' AS "column",
                'name: another structure of the territory is already called "' || t.name || '"' ||
                COALESCE(' (code ' || t.external_id || ')', '') AS message
           FROM import_stage s JOIN structure t ON t.territory_id = $1 AND t.name = s.name
          WHERE t.id IS DISTINCT FROM s.target_id`,
      [territoryId],
    );
  }

  /** `import_changes`: the lines whose target differs in one of these columns. */
  async stageChanges(
    columns: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const differs = columns.map((column) => `t.${column}::text IS DISTINCT FROM s.${column}::text`);
    await manager.query(
      `CREATE TEMP TABLE import_changes ON COMMIT DROP AS
     SELECT s.line FROM import_stage s JOIN structure t ON t.id = s.target_id
      WHERE ${differs.join(' OR ')}`,
    );
  }

  /** Sets these columns of the changed targets from their lines. */
  async updateChangedFromStage(
    columns: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const sets = columns.map((column) => `${column} = s.${column}`);
    await manager.query(
      `UPDATE structure t SET ${sets.join(', ')}, updated_at = now()
         FROM import_stage s JOIN import_changes c ON c.line = s.line WHERE t.id = s.target_id`,
    );
  }

  /** Creates the structures of the lines without a target, in line order. */
  async createUntargeted(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO structure (territory_id, external_id, type, name, siret, address_line, postal_code, city)
       SELECT $1, external_id, type, name, siret, address_line, postal_code, city
         FROM import_stage WHERE target_id IS NULL ORDER BY line`,
      [territoryId],
    );
  }
}
