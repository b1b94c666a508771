import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log names caseload exports (issue 19): a new `access_ground` value, added in place
 * like RGPD_EXPORT; the chain hashes the ground as text, so existing rows are untouched.
 */
export class AccessGroundCaseloadExport1796625332224 implements MigrationInterface {
  name = 'AccessGroundCaseloadExport1796625332224';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."access_ground" ADD VALUE IF NOT EXISTS 'CASELOAD_EXPORT'`,
    );
  }

  /** The type is rebuilt without the value, unless the append-only log already holds one. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM "access_log" WHERE "ground" = 'CASELOAD_EXPORT') THEN
          RAISE EXCEPTION 'access_log holds caseload exports: AccessGroundCaseloadExport cannot be reverted';
        END IF;
      END $$`,
    );
    // Rebuilt from the values the type has now, less this one: later migrations' values stay.
    await queryRunner.query(
      `DO $$ DECLARE kept text; BEGIN
        SELECT string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder) INTO kept
          FROM pg_enum
         WHERE enumtypid = '"public"."access_ground"'::regtype AND enumlabel <> 'CASELOAD_EXPORT';
        ALTER TYPE "public"."access_ground" RENAME TO "access_ground_old";
        EXECUTE 'CREATE TYPE "public"."access_ground" AS ENUM (' || kept || ')';
      END $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_log" ALTER COLUMN "ground" TYPE "public"."access_ground" USING "ground"::text::"public"."access_ground"`,
    );
    await queryRunner.query(`DROP TYPE "public"."access_ground_old"`);
  }
}
