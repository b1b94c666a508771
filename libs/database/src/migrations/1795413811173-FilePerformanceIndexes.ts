import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A file's whole team by person: former members included, and for prepared statements' generic
 * plans, which cannot use the partial indexes on active members.
 */
export class FilePerformanceIndexes1795413811173 implements MigrationInterface {
  name = 'FilePerformanceIndexes1795413811173';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_team_member_person" ON "team_member" ("person_id", "joined_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_team_member_person"`);
  }
}
