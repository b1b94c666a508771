import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class IdentityAndOrganizations1795395796590 implements MigrationInterface {
  name = 'IdentityAndOrganizations1795395796590';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "territory" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(3) NOT NULL, "name" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_151811f88f14e4127190445bf56" UNIQUE ("code"), CONSTRAINT "PK_2250448f958bc52a8d040b48f82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."structure_type" AS ENUM('CONSEIL_DEPARTEMENTAL', 'FRANCE_TRAVAIL', 'MISSION_LOCALE', 'CAP_EMPLOI', 'CAF', 'MSA', 'CCAS', 'ASSOCIATION', 'SIAE', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "structure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territory_id" uuid NOT NULL, "type" "public"."structure_type" NOT NULL, "name" citext NOT NULL, "siret" character(14), "address_line" character varying(200), "postal_code" character varying(5), "city" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_90ac7986e769d602d218075215c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_structure_territory_name" ON "structure"  ("territory_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."membership_role" AS ENUM('PROFESSIONAL', 'ORIENTATION_MANAGER', 'STRUCTURE_ADMIN', 'TERRITORY_ADMIN', 'PLATFORM_ADMIN')`,
    );
    await queryRunner.query(`CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "structure_id" uuid, "territory_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_membership_scope" CHECK (("role" IN ('PROFESSIONAL', 'ORIENTATION_MANAGER', 'STRUCTURE_ADMIN') AND "structure_id" IS NOT NULL AND "territory_id" IS NOT NULL)
   OR ("role" = 'TERRITORY_ADMIN' AND "structure_id" IS NULL AND "territory_id" IS NOT NULL)
   OR ("role" = 'PLATFORM_ADMIN' AND "structure_id" IS NULL AND "territory_id" IS NULL)), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "IDX_membership_account_active" ON "membership"  ("account_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`CREATE TYPE "public"."account_status" AS ENUM('ACTIVE', 'DISABLED')`);
    await queryRunner.query(
      `CREATE TABLE "account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" citext NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "status" "public"."account_status" NOT NULL DEFAULT 'ACTIVE', "oidc_issuer" character varying(300), "oidc_subject" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_4c8f96ccf523e9a3faefd5bdd4c" UNIQUE ("email"), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_account_oidc_identity" ON "account"  ("oidc_issuer", "oidc_subject") WHERE "oidc_subject" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "amr" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_f0812282fad2e352cdaf83ef0a9" UNIQUE ("token_hash"), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_token_session" ON "refresh_token"  ("session_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "structure" ADD CONSTRAINT "FK_282c4db88730997fd7dfc740295" FOREIGN KEY ("territory_id") REFERENCES "territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_2771c409240b06ba165a531217e" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_56adf24dfe87d0c225dc296794e" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_fb3118326d2359b2f47c1de6bfb" FOREIGN KEY ("territory_id") REFERENCES "territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_7643a722ca45fb721be1c63dc0c" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_7643a722ca45fb721be1c63dc0c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" DROP CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_fb3118326d2359b2f47c1de6bfb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_56adf24dfe87d0c225dc296794e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" DROP CONSTRAINT "FK_2771c409240b06ba165a531217e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "structure" DROP CONSTRAINT "FK_282c4db88730997fd7dfc740295"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_token_session"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_account_oidc_identity"`);
    await queryRunner.query(`DROP TABLE "account"`);
    await queryRunner.query(`DROP TYPE "public"."account_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_account_active"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TYPE "public"."membership_role"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_structure_territory_name"`);
    await queryRunner.query(`DROP TABLE "structure"`);
    await queryRunner.query(`DROP TYPE "public"."structure_type"`);
    await queryRunner.query(`DROP TABLE "territory"`);
  }
}
