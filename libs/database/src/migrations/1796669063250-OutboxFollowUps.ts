import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox dispatcher's follow-ups (decision 0009): an event is numbered and pushed first, and
 * its emails are queued after, in a transaction of their own; `dispatched_at` stays null until
 * then. This index finds those events, and serves the idle poll, without reading the table.
 */
export class OutboxFollowUps1796669063250 implements MigrationInterface {
  name = 'OutboxFollowUps1796669063250';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_event_undispatched" ON "outbox_event" ("position") WHERE "dispatched_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_event_undispatched"`);
  }
}
