import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Bulk imports: the identifiers people and structures have in the département's own software
 * (unique in a territory), and the record of each applied import.
 */
export class BulkImports1795422000000 implements MigrationInterface {
  name = 'BulkImports1795422000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."import_kind" AS ENUM('STRUCTURES', 'ACCOUNTS', 'PEOPLE', 'TEAM')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."import_source" AS ENUM('API', 'CLI')`);
    await queryRunner.query(
      `CREATE TABLE "import_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territory_id" uuid NOT NULL, "kind" "public"."import_kind" NOT NULL, "source" "public"."import_source" NOT NULL, "actor_account_id" uuid, "actor_membership_id" uuid, "operator" character varying(100), "file_name" character varying(255) NOT NULL, "file_sha256" character(64) NOT NULL, "rows" integer NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "skipped" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_efe3e6d8cb9f51ca4e9cd1cf5d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_import_run_territory" ON "import_run"  ("territory_id", "finished_at") `,
    );
    await queryRunner.query(`ALTER TABLE "structure" ADD "external_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "person" ADD "external_id" character varying(64)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_structure_territory_external" ON "structure"  ("territory_id", "external_id") WHERE "external_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_territory_external" ON "person"  ("territory_id", "external_id") WHERE "external_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_person_territory_external"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_structure_territory_external"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "external_id"`);
    await queryRunner.query(`ALTER TABLE "structure" DROP COLUMN "external_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_import_run_territory"`);
    await queryRunner.query(`DROP TABLE "import_run"`);
    await queryRunner.query(`DROP TYPE "public"."import_source"`);
    await queryRunner.query(`DROP TYPE "public"."import_kind"`);
  }
}
