import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Email (issue 18): one delivery row per email, unique by its dedupe key (never twice), and each
 * account's mode per category (immediately, in the daily digest, never).
 */
export class EmailDelivery1796616380813 implements MigrationInterface {
  name = 'EmailDelivery1796616380813';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."email_delivery_status" AS ENUM('PENDING', 'SENT', 'DEFERRED', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "email_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "to_address" character varying(320) NOT NULL, "kind" character varying(64) NOT NULL, "category" character varying(64) NOT NULL, "event_id" uuid, "dedupe_key" character varying(200) NOT NULL, "message" jsonb NOT NULL, "status" "public"."email_delivery_status" NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), "message_id" character varying(998), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_e932d5d272d570f5a7972e4fedc" UNIQUE ("dedupe_key"), CONSTRAINT "PK_a39c05a113fa6130d51558e809a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_delivery_created" ON "email_delivery"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_delivery_due" ON "email_delivery"  ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."email_mode" AS ENUM('IMMEDIATE', 'DIGEST', 'NEVER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "email_preference" ("account_id" uuid NOT NULL, "category" character varying(64) NOT NULL, "mode" "public"."email_mode" NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_698e9df5042ec1c4568f0a6692b" PRIMARY KEY ("account_id", "category"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "email_preference"`);
    await queryRunner.query(`DROP TYPE "public"."email_mode"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_email_delivery_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_email_delivery_created"`);
    await queryRunner.query(`DROP TABLE "email_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."email_delivery_status"`);
  }
}
