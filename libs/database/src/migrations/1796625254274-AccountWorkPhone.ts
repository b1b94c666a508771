import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 19: a professional's work phone, shown with their work email in the teams of the files
 * they follow. Optional, set by the professional on "Mon compte".
 */
export class AccountWorkPhone1796625254274 implements MigrationInterface {
  name = 'AccountWorkPhone1796625254274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" ADD "work_phone" character varying(20)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "work_phone"`);
  }
}
