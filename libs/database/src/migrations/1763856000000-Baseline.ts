import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The extensions later schema relies on: accent-insensitive search on French names (`unaccent`)
 * and trigram indexes for name search (`pg_trgm`). Both ship with PostgreSQL's contrib.
 */
export class Baseline1763856000000 implements MigrationInterface {
  name = 'Baseline1763856000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "unaccent"`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "pg_trgm"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS "pg_trgm"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS "unaccent"`);
  }
}
