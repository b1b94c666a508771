import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case-insensitive text, for emails and structure names that must be unique whatever the case. */
export class EnableCitext1795395793000 implements MigrationInterface {
  name = 'EnableCitext1795395793000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "citext"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS "citext"`);
  }
}
