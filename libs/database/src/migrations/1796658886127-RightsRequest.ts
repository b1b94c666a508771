import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The person's rights requests from their space (issue 22): rectification, objection or
 * restriction, answered by their referent within a month; one pending request per kind.
 */
export class RightsRequest1796658886127 implements MigrationInterface {
  name = 'RightsRequest1796658886127';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."rights_request_kind" AS ENUM('RECTIFICATION', 'OBJECTION', 'RESTRICTION')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."rights_request_status" AS ENUM('PENDING', 'ACCEPTED', 'REFUSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "rights_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "kind" "public"."rights_request_kind" NOT NULL, "details" character varying(2000) NOT NULL, "status" "public"."rights_request_status" NOT NULL DEFAULT 'PENDING', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "due_on" date NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "answer" character varying(2000), "answered_by_membership_id" uuid, CONSTRAINT "PK_rights_request" PRIMARY KEY ("id"), CONSTRAINT "FK_rights_request_person" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_rights_request_pending" ON "rights_request" ("person_id", "kind") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_rights_request_person" ON "rights_request" ("person_id", "requested_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rights_request"`);
    await queryRunner.query(`DROP TYPE "public"."rights_request_status"`);
    await queryRunner.query(`DROP TYPE "public"."rights_request_kind"`);
  }
}
