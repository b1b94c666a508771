import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appointments in the person's space (issue 22): the person's answer on the appointment
 * (pathways' table), and the reminders emailed to them, one per appointment and kind
 * (person-space's table).
 */
export class AppointmentPresenceAndReminders1796658886163 implements MigrationInterface {
  name = 'AppointmentPresenceAndReminders1796658886163';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."appointment_presence" AS ENUM('COMING', 'NOT_COMING')`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD "person_presence" "public"."appointment_presence"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment" ADD "person_presence_answered_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appointment_reminder_kind" AS ENUM('TWO_DAYS_BEFORE', 'SAME_DAY')`,
    );
    await queryRunner.query(
      `CREATE TABLE "appointment_reminder" ("appointment_id" uuid NOT NULL, "kind" "public"."appointment_reminder_kind" NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_appointment_reminder" PRIMARY KEY ("appointment_id", "kind"), CONSTRAINT "FK_appointment_reminder_appointment" FOREIGN KEY ("appointment_id") REFERENCES "appointment"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "appointment_reminder"`);
    await queryRunner.query(`DROP TYPE "public"."appointment_reminder_kind"`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP COLUMN "person_presence_answered_at"`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP COLUMN "person_presence"`);
    await queryRunner.query(`DROP TYPE "public"."appointment_presence"`);
  }
}
