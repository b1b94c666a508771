import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class HandoversOutboxNotifications1795403740266 implements MigrationInterface {
  name = 'HandoversOutboxNotifications1795403740266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("principal_key" character varying(80) NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "response" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f55580f5d8a36de28aa63f6d32" PRIMARY KEY ("principal_key", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_key_created" ON "idempotency_key"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "position" bigint, "type" character varying(60) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "territory_id" uuid NOT NULL, "structure_ids" uuid array NOT NULL DEFAULT '{}', "person_id" uuid, "actor_account_id" uuid, "actor_membership_id" uuid, "actor_client_id" uuid, "recipient_account_ids" uuid array NOT NULL DEFAULT '{}', "payload" jsonb NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_event_territory_position" ON "outbox_event"  ("territory_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_outbox_event_position" ON "outbox_event"  ("position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_event_pending" ON "outbox_event"  ("seq") WHERE "position" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."handover_status" AS ENUM('PROPOSED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "handover" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "territory_id" uuid NOT NULL, "from_structure_id" uuid, "from_referent_account_id" uuid, "proposed_by_account_id" uuid NOT NULL, "proposed_by_membership_id" uuid NOT NULL, "to_structure_id" uuid NOT NULL, "to_account_id" uuid, "reason" character varying(1000) NOT NULL, "person_informed" boolean NOT NULL, "status" "public"."handover_status" NOT NULL, "orientation_request_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_account_id" uuid, "decided_by_membership_id" uuid, "decline_reason" character varying(1000), "new_referent_account_id" uuid, "new_referent_membership_id" uuid, CONSTRAINT "PK_15e64c0391cf9fb9278f297691f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_handover_expiry" ON "handover"  ("expires_at") WHERE "status" = 'PROPOSED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_handover_from_structure" ON "handover"  ("from_structure_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_handover_to_structure" ON "handover"  ("to_structure_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_handover_open_per_person" ON "handover"  ("person_id") WHERE "status" = 'PROPOSED'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."orientation_request_status" AS ENUM('PENDING', 'ACCEPTED', 'DENIED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "orientation_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "territory_id" uuid NOT NULL, "requested_by_account_id" uuid NOT NULL, "requested_by_membership_id" uuid NOT NULL, "orientation_type" "public"."orientation_type" NOT NULL, "reason" character varying(1000) NOT NULL, "status" "public"."orientation_request_status" NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_membership_id" uuid, "decision_reason" character varying(1000), "target_structure_id" uuid, "handover_id" uuid, CONSTRAINT "PK_bf28fbd90eaef1f7ad4cb6c424d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_orientation_request_territory" ON "orientation_request"  ("territory_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_orientation_request_pending" ON "orientation_request"  ("person_id") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "account_id" uuid NOT NULL, "event_id" uuid NOT NULL, "type" character varying(60) NOT NULL, "person_id" uuid, "actor_account_id" uuid, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_account_unread" ON "notification"  ("account_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_account_seq" ON "notification"  ("account_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_notification_account_event" ON "notification"  ("account_id", "event_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."webhook_delivery_status" AS ENUM('PENDING', 'DELIVERED', 'FAILED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" "public"."webhook_delivery_status" NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" smallint, "last_error" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_delivery_client" ON "webhook_delivery"  ("client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_delivery_due" ON "webhook_delivery"  ("next_attempt_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_webhook_delivery_client_event" ON "webhook_delivery"  ("client_id", "event_id") `,
    );
    await queryRunner.query(`ALTER TABLE "api_client" ADD "webhook_url" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "api_client" ADD "webhook_secret" character varying(100)`);
    await queryRunner.query(
      `ALTER TABLE "handover" ADD CONSTRAINT "FK_fae408aa51e52d20f8f6d50193a" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" ADD CONSTRAINT "FK_22eefbef99f859ecd147ad1d133" FOREIGN KEY ("from_structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" ADD CONSTRAINT "FK_42e6f72305ada566628b9f2f5f8" FOREIGN KEY ("to_structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "orientation_request" ADD CONSTRAINT "FK_9feae03a050803b1c47afa74d69" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "orientation_request" DROP CONSTRAINT "FK_9feae03a050803b1c47afa74d69"`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" DROP CONSTRAINT "FK_42e6f72305ada566628b9f2f5f8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" DROP CONSTRAINT "FK_22eefbef99f859ecd147ad1d133"`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" DROP CONSTRAINT "FK_fae408aa51e52d20f8f6d50193a"`,
    );
    await queryRunner.query(`ALTER TABLE "api_client" DROP COLUMN "webhook_secret"`);
    await queryRunner.query(`ALTER TABLE "api_client" DROP COLUMN "webhook_url"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_webhook_delivery_client_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_webhook_delivery_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_webhook_delivery_client"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TYPE "public"."webhook_delivery_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_notification_account_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_account_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_account_unread"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_orientation_request_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_orientation_request_territory"`);
    await queryRunner.query(`DROP TABLE "orientation_request"`);
    await queryRunner.query(`DROP TYPE "public"."orientation_request_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_handover_open_per_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_handover_to_structure"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_handover_from_structure"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_handover_expiry"`);
    await queryRunner.query(`DROP TABLE "handover"`);
    await queryRunner.query(`DROP TYPE "public"."handover_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_event_pending"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_outbox_event_position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_event_territory_position"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_key_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
