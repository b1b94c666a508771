import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person's personal space, first part (issue 22): a space enabled by the referent with the
 * address the person gave, its one-time links and sign-in codes (hashed), person sessions in the
 * `session` table (an account's or a person's, never both), emails to a person (no account), and
 * the access-log ground SELF. A sign-in challenge for an address no space has keeps a null
 * person, so that answering it behaves as for a known address.
 */
export class PersonSpace1796646911262 implements MigrationInterface {
  name = 'PersonSpace1796646911262';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."access_ground" ADD VALUE IF NOT EXISTS 'SELF'`);
    await queryRunner.query(
      `CREATE TABLE "person_space" ("person_id" uuid NOT NULL, "email" citext NOT NULL, "given_name" character varying(100) NOT NULL, "enabled_by_account_id" uuid, "enabled_by_membership_id" uuid, "enabled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_person_space" PRIMARY KEY ("person_id"), CONSTRAINT "FK_person_space_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_space_email" ON "person_space" ("email") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_space_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_person_space_link_token" UNIQUE ("token_hash"), CONSTRAINT "PK_person_space_link" PRIMARY KEY ("id"), CONSTRAINT "FK_person_space_link_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_space_link_person" ON "person_space_link" ("person_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "person_sign_in_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid, "code_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_person_sign_in_code" PRIMARY KEY ("id"), CONSTRAINT "FK_person_sign_in_code_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_sign_in_code_person" ON "person_sign_in_code" ("person_id")`,
    );
    await queryRunner.query(`ALTER TABLE "session" ALTER COLUMN "account_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "session" ADD "person_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "CHK_session_one_subject" CHECK (("account_id" IS NULL) <> ("person_id" IS NULL))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_session_person" ON "session" ("person_id")`);
    await queryRunner.query(`ALTER TABLE "email_delivery" ALTER COLUMN "account_id" DROP NOT NULL`);
  }

  /**
   * Person sessions and emails to people go with the space; SELF stays in `access_ground` if the
   * append-only log already holds one (it cannot be removed then), and is rebuilt away otherwise.
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "email_delivery" WHERE "account_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "email_delivery" ALTER COLUMN "account_id" SET NOT NULL`);
    await queryRunner.query(`DELETE FROM "session" WHERE "person_id" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."IDX_session_person"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "CHK_session_one_subject"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "person_id"`);
    await queryRunner.query(`ALTER TABLE "session" ALTER COLUMN "account_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "person_sign_in_code"`);
    await queryRunner.query(`DROP TABLE "person_space_link"`);
    await queryRunner.query(`DROP TABLE "person_space"`);
    await queryRunner.query(
      `DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM "access_log" WHERE "ground" = 'SELF') THEN
          RAISE EXCEPTION 'access_log holds reads by people themselves: PersonSpace cannot be reverted';
        END IF;
      END $$`,
    );
    await queryRunner.query(
      `DO $$ DECLARE kept text; BEGIN
        SELECT string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder) INTO kept
          FROM pg_enum
         WHERE enumtypid = '"public"."access_ground"'::regtype AND enumlabel <> 'SELF';
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
