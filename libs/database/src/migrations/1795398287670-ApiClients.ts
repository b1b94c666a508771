import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ApiClients1795398287670 implements MigrationInterface {
  name = 'ApiClients1795398287670';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_client" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "territory_id" uuid NOT NULL, "structure_id" uuid, "scopes" text array NOT NULL, "secret_hash" character(64) NOT NULL, "secret_rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by_membership_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_82a5ec6981d2be903a9eb1d9b9a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_client_territory" ON "api_client"  ("territory_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_api_client_territory"`);
    await queryRunner.query(`DROP TABLE "api_client"`);
  }
}
