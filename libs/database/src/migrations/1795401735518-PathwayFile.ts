import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class PathwayFile1795401735518 implements MigrationInterface {
  name = 'PathwayFile1795401735518';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."access_ground" AS ENUM('TEAM_MEMBER', 'FORMER_REFERENT', 'ORIENTATION_MANAGER', 'PARTNER_CLIENT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "access_log" ("id" bigint NOT NULL, "territory_id" uuid NOT NULL, "person_id" uuid NOT NULL, "account_id" uuid, "membership_id" uuid, "client_id" uuid, "ground" "public"."access_ground" NOT NULL, "accessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()), "prev_hash" bytea NOT NULL, "hash" bytea NOT NULL, CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_log_territory" ON "access_log"  ("territory_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_access_log_person" ON "access_log"  ("person_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."person_right" AS ENUM('RSA', 'ARE', 'ASS', 'AAH', 'RQTH')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."orientation_type" AS ENUM('SOCIAL', 'SOCIO_PROFESSIONAL', 'PROFESSIONAL')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."contract_sought" AS ENUM('CDI', 'CDD', 'INTERIM', 'APPRENTICESHIP', 'PART_TIME', 'SUBSIDISED', 'SELF_EMPLOYMENT')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."person_status" AS ENUM('ACTIVE', 'ARCHIVED')`);
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territory_id" uuid NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "birth_name" character varying(100), "birth_date" date NOT NULL, "search_name" character varying(310) NOT NULL, "identity_key" character varying(210) NOT NULL, "email" citext, "phone" character varying(20), "address_line" character varying(200), "postal_code" character varying(5), "city" character varying(100), "caf_number" character varying(7), "france_travail_id" character varying(11), "nir" character(15), "rights" "public"."person_right" array NOT NULL DEFAULT '{}', "rights_and_duties" boolean NOT NULL DEFAULT false, "orientation_type" "public"."orientation_type", "orientation_structure_id" uuid, "target_job" character varying(200), "rome_code" character(5), "mobility_radius_km" smallint, "contracts_sought" "public"."contract_sought" array NOT NULL DEFAULT '{}', "status" "public"."person_status" NOT NULL DEFAULT 'ACTIVE', "restricted" boolean NOT NULL DEFAULT false, "objection" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_by_client_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_person_mobility_radius" CHECK ("mobility_radius_km" BETWEEN 0 AND 500), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_territory_name_birth" ON "person"  ("territory_id", "identity_key", "birth_date") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_territory_france_travail" ON "person"  ("territory_id", "france_travail_id") WHERE "france_travail_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_territory_caf" ON "person"  ("territory_id", "caf_number") WHERE "caf_number" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_territory_nir" ON "person"  ("territory_id", "nir") WHERE "nir" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_territory_activity" ON "person"  ("territory_id", "last_activity_at") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."team_role" AS ENUM('REFERENT', 'FOLLOWER')`);
    await queryRunner.query(
      `CREATE TYPE "public"."team_leave_reason" AS ENUM('LEFT', 'HANDOVER', 'MEMBERSHIP_ENDED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "team_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "account_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "structure_id" uuid NOT NULL, "role" "public"."team_role" NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "join_reason" character varying(500), "left_at" TIMESTAMP WITH TIME ZONE, "left_reason" "public"."team_leave_reason", "left_comment" character varying(500), CONSTRAINT "PK_649680684d72a20d279641469c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_team_member_account" ON "team_member"  ("account_id", "person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_team_member_membership_active" ON "team_member"  ("membership_id", "person_id") WHERE "left_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_team_member_active_account" ON "team_member"  ("person_id", "account_id") WHERE "left_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_team_member_one_referent" ON "team_member"  ("person_id") WHERE "role" = 'REFERENT' AND "left_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."join_request_status" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "join_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "account_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "structure_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "status" "public"."join_request_status" NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_membership_id" uuid, "decision_reason" character varying(500), CONSTRAINT "PK_ea4ce3bfd1dcd38029f3176bb4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_join_request_person" ON "join_request"  ("person_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_join_request_pending" ON "join_request"  ("person_id", "account_id") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."obstacle_theme" AS ENUM('MOBILITY', 'HOUSING', 'HEALTH', 'DISABILITY', 'FAMILY_CHILDCARE', 'LANGUAGE', 'DIGITAL', 'FINANCES', 'JUSTICE', 'EDUCATION_TRAINING', 'EMPLOYMENT')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."obstacle_status" AS ENUM('IDENTIFIED', 'BEING_ADDRESSED', 'RESOLVED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "obstacle" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "theme" "public"."obstacle_theme" NOT NULL, "status" "public"."obstacle_status" NOT NULL, "comment" character varying(2000), "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a651754ae60814cbcc4bb60a76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_obstacle_person_theme" ON "obstacle"  ("person_id", "theme") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."contract_type" AS ENUM('CER', 'PPAE', 'CEJ', 'PACEA', 'CONTRAT_ENGAGEMENT')`,
    );
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "type" "public"."contract_type" NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_17c3a89f58a2997276084e706e8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contract_person" ON "contract"  ("person_id", "starts_on") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."goal_status" AS ENUM('IN_PROGRESS', 'ACHIEVED', 'ABANDONED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "status" "public"."goal_status" NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_88c8e2b461b711336c836b1e130" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goal_person" ON "goal"  ("person_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."action_status" AS ENUM('PLANNED', 'IN_PROGRESS', 'DONE', 'ABANDONED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "goal_id" uuid, "obstacle_id" uuid, "title" character varying(200) NOT NULL, "status" "public"."action_status" NOT NULL, "starts_on" date, "due_on" date, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7fe1efec53657bd0385369ad6e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_plan_action_person" ON "plan_action"  ("person_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appointment_status" AS ENUM('PLANNED', 'HONORED', 'MISSED', 'CANCELLED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" smallint NOT NULL, "with_whom" character varying(200) NOT NULL, "location" character varying(200), "remote" boolean NOT NULL DEFAULT false, "status" "public"."appointment_status" NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_appointment_person" ON "appointment"  ("person_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."note_visibility" AS ENUM('TEAM', 'STRUCTURE', 'AUTHOR')`,
    );
    await queryRunner.query(
      `CREATE TABLE "note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "author_account_id" uuid NOT NULL, "author_structure_id" uuid NOT NULL, "body" character varying(5000) NOT NULL, "visibility" "public"."note_visibility" NOT NULL, "sensitive" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_by_membership_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96d0c172a4fba276b1bbed43058" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_note_person" ON "note"  ("person_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "note_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "note_id" uuid NOT NULL, "version" integer NOT NULL, "body" character varying(5000) NOT NULL, "visibility" "public"."note_visibility" NOT NULL, "sensitive" boolean NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8499eb36b6b27b4a7391a9b0912" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_note_revision_version" ON "note_revision"  ("note_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "timeline_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_account_id" uuid, "actor_membership_id" uuid, "actor_client_id" uuid, "type" character varying(60) NOT NULL, "subject_type" character varying(40) NOT NULL, "subject_id" uuid NOT NULL, "sensitive" boolean NOT NULL DEFAULT false, "before" jsonb, "after" jsonb, CONSTRAINT "PK_8f5a66cd7151d78a419da3a3375" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_timeline_event_person" ON "timeline_event"  ("person_id", "occurred_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_0a9898b08efc97d02872815a700" FOREIGN KEY ("territory_id") REFERENCES "territory"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_68da9bba422daeb576f76faffe8" FOREIGN KEY ("orientation_structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_9281d7315475282bd402f63b9f0" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_82987afa82faf2581e31949d6b9" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_49bcde7eb9552e70745d8b8438d" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" ADD CONSTRAINT "FK_1b832b59d65a4a568d93b6e01e4" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" ADD CONSTRAINT "FK_5ff55f2abf01364f5be97c9d6af" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" ADD CONSTRAINT "FK_d821657f9ce84dd055857a4467e" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" ADD CONSTRAINT "FK_1c92cde5f017eea455fb34dbaa4" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" ADD CONSTRAINT "FK_848256ba71732e0fc8d9c5bf42b" FOREIGN KEY ("structure_id") REFERENCES "structure"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "obstacle" ADD CONSTRAINT "FK_18ee739a4fa0568135e3de4a22d" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contract" ADD CONSTRAINT "FK_2bae2726b1e80bf923efb721840" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goal" ADD CONSTRAINT "FK_4e4647efc4e8414e4f2b6df61e9" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" ADD CONSTRAINT "FK_be20e166b873d0a4e099af621f5" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" ADD CONSTRAINT "FK_3f960e73dd5c337bb6994762746" FOREIGN KEY ("goal_id") REFERENCES "goal"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" ADD CONSTRAINT "FK_75768a7b931aa8f880c4064fda9" FOREIGN KEY ("obstacle_id") REFERENCES "obstacle"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD CONSTRAINT "FK_1dcd734d271134b4e17f7ee9942" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note" ADD CONSTRAINT "FK_35827f3cb6efef9d424f141a2af" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_revision" ADD CONSTRAINT "FK_f584a94418476c78f9155839122" FOREIGN KEY ("note_id") REFERENCES "note"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "timeline_event" ADD CONSTRAINT "FK_63df4caf1ed2b11768dcd693d5c" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "timeline_event" DROP CONSTRAINT "FK_63df4caf1ed2b11768dcd693d5c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_revision" DROP CONSTRAINT "FK_f584a94418476c78f9155839122"`,
    );
    await queryRunner.query(`ALTER TABLE "note" DROP CONSTRAINT "FK_35827f3cb6efef9d424f141a2af"`);
    await queryRunner.query(
      `ALTER TABLE "appointment" DROP CONSTRAINT "FK_1dcd734d271134b4e17f7ee9942"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" DROP CONSTRAINT "FK_75768a7b931aa8f880c4064fda9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" DROP CONSTRAINT "FK_3f960e73dd5c337bb6994762746"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_action" DROP CONSTRAINT "FK_be20e166b873d0a4e099af621f5"`,
    );
    await queryRunner.query(`ALTER TABLE "goal" DROP CONSTRAINT "FK_4e4647efc4e8414e4f2b6df61e9"`);
    await queryRunner.query(
      `ALTER TABLE "contract" DROP CONSTRAINT "FK_2bae2726b1e80bf923efb721840"`,
    );
    await queryRunner.query(
      `ALTER TABLE "obstacle" DROP CONSTRAINT "FK_18ee739a4fa0568135e3de4a22d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" DROP CONSTRAINT "FK_848256ba71732e0fc8d9c5bf42b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" DROP CONSTRAINT "FK_1c92cde5f017eea455fb34dbaa4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" DROP CONSTRAINT "FK_d821657f9ce84dd055857a4467e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "join_request" DROP CONSTRAINT "FK_5ff55f2abf01364f5be97c9d6af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" DROP CONSTRAINT "FK_1b832b59d65a4a568d93b6e01e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" DROP CONSTRAINT "FK_49bcde7eb9552e70745d8b8438d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" DROP CONSTRAINT "FK_82987afa82faf2581e31949d6b9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "team_member" DROP CONSTRAINT "FK_9281d7315475282bd402f63b9f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" DROP CONSTRAINT "FK_68da9bba422daeb576f76faffe8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" DROP CONSTRAINT "FK_0a9898b08efc97d02872815a700"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_timeline_event_person"`);
    await queryRunner.query(`DROP TABLE "timeline_event"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_note_revision_version"`);
    await queryRunner.query(`DROP TABLE "note_revision"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_note_person"`);
    await queryRunner.query(`DROP TABLE "note"`);
    await queryRunner.query(`DROP TYPE "public"."note_visibility"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_appointment_person"`);
    await queryRunner.query(`DROP TABLE "appointment"`);
    await queryRunner.query(`DROP TYPE "public"."appointment_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_plan_action_person"`);
    await queryRunner.query(`DROP TABLE "plan_action"`);
    await queryRunner.query(`DROP TYPE "public"."action_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goal_person"`);
    await queryRunner.query(`DROP TABLE "goal"`);
    await queryRunner.query(`DROP TYPE "public"."goal_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contract_person"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP TYPE "public"."contract_type"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_obstacle_person_theme"`);
    await queryRunner.query(`DROP TABLE "obstacle"`);
    await queryRunner.query(`DROP TYPE "public"."obstacle_status"`);
    await queryRunner.query(`DROP TYPE "public"."obstacle_theme"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_join_request_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_join_request_person"`);
    await queryRunner.query(`DROP TABLE "join_request"`);
    await queryRunner.query(`DROP TYPE "public"."join_request_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_team_member_one_referent"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_team_member_active_account"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_team_member_membership_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_team_member_account"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP TYPE "public"."team_leave_reason"`);
    await queryRunner.query(`DROP TYPE "public"."team_role"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_person_territory_activity"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_territory_nir"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_territory_caf"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_territory_france_travail"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_territory_name_birth"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP TYPE "public"."person_status"`);
    await queryRunner.query(`DROP TYPE "public"."contract_sought"`);
    await queryRunner.query(`DROP TYPE "public"."orientation_type"`);
    await queryRunner.query(`DROP TYPE "public"."person_right"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_log_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_log_territory"`);
    await queryRunner.query(`DROP TABLE "access_log"`);
    await queryRunner.query(`DROP TYPE "public"."access_ground"`);
  }
}
