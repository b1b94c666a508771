import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log names RGPD exports (decision 0013): a new `access_ground` value. Added in place
 * (no rewrite of the log); the chain hashes the ground as text, so existing rows are untouched.
 */
export class AccessGroundRgpdExport1795420000000 implements MigrationInterface {
  name = 'AccessGroundRgpdExport1795420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."access_ground" ADD VALUE 'RGPD_EXPORT'`);
  }

  /**
   * PostgreSQL cannot drop an enum value: the type is rebuilt without it. The log is
   * append-only, so once an export is logged this cannot be undone; it says so rather than lose
   * the rows.
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM "access_log" WHERE "ground" = 'RGPD_EXPORT') THEN
          RAISE EXCEPTION 'access_log holds RGPD exports: AccessGroundRgpdExport cannot be reverted';
        END IF;
      END $$`,
    );
    await queryRunner.query(`ALTER TYPE "public"."access_ground" RENAME TO "access_ground_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."access_ground" AS ENUM('TEAM_MEMBER', 'FORMER_REFERENT', 'ORIENTATION_MANAGER', 'PARTNER_CLIENT')`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_log" ALTER COLUMN "ground" TYPE "public"."access_ground" USING "ground"::text::"public"."access_ground"`,
    );
    await queryRunner.query(`DROP TYPE "public"."access_ground_old"`);
  }
}
