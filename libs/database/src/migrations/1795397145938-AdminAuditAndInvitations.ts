import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AdminAuditAndInvitations1795397145938 implements MigrationInterface {
  name = 'AdminAuditAndInvitations1795397145938';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "invited_by_membership_id" uuid NOT NULL, "territory_id" uuid, "structure_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_invitation_account" ON "invitation"  ("account_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "admin_audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_account_id" uuid NOT NULL, "actor_membership_id" uuid NOT NULL, "action" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "territory_id" uuid, "structure_id" uuid, "before" jsonb, "after" jsonb, CONSTRAINT "PK_34d249ec07cf9bf6f4dcd5b86a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_admin_audit_structure" ON "admin_audit_event"  ("structure_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_admin_audit_territory" ON "admin_audit_event"  ("territory_id", "occurred_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_admin_audit_territory"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_admin_audit_structure"`);
    await queryRunner.query(`DROP TABLE "admin_audit_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invitation_account"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
  }
}
