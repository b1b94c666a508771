import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Handovers carry their context (issue 19, item 4): the proposer's summary (situation, what was
 * done, what is expected) and the parts of the file the target structure may preview before
 * accepting; each read of a preview is logged with its own ground (HANDOVER_PREVIEW).
 */
export class HandoverContext1796625260323 implements MigrationInterface {
  name = 'HandoverContext1796625260323';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."access_ground" ADD VALUE IF NOT EXISTS 'HANDOVER_PREVIEW'`,
    );
    await queryRunner.query(
      `ALTER TABLE "handover" ADD "summary_situation" character varying(2000),
         ADD "summary_done" character varying(2000),
         ADD "summary_expected" character varying(2000),
         ADD "preview_parts" character varying(20) array NOT NULL DEFAULT '{}',
         ADD CONSTRAINT "CHK_handover_preview_parts"
           CHECK ("preview_parts" <@ ARRAY['PROJECT', 'PLAN', 'CONTRACT', 'OBSTACLES']::character varying(20)[])`,
    );
  }

  /** The columns go; the log's ground stays (the log is append-only, its rows may name it). */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "handover" DROP CONSTRAINT "CHK_handover_preview_parts",
         DROP COLUMN "preview_parts", DROP COLUMN "summary_expected", DROP COLUMN "summary_done",
         DROP COLUMN "summary_situation"`,
    );
  }
}
