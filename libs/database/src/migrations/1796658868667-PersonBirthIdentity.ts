import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 22: the file holds what FranceConnect's identity pivot carries beyond names and birth
 * date: the sex of the civil registry, and the INSEE (COG) codes of the town and country of
 * birth, so that a person signing in with FranceConnect can be matched to their file (found
 * by birth date, hence the index).
 */
export class PersonBirthIdentity1796658868667 implements MigrationInterface {
  name = 'PersonBirthIdentity1796658868667';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."person_gender" AS ENUM('FEMALE', 'MALE')`);
    await queryRunner.query(`ALTER TABLE "person" ADD "gender" "public"."person_gender"`);
    await queryRunner.query(`ALTER TABLE "person" ADD "birthplace" character(5)`);
    await queryRunner.query(`ALTER TABLE "person" ADD "birth_country" character(5)`);
    await queryRunner.query(`CREATE INDEX "IDX_person_birth_date" ON "person" ("birth_date") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_person_birth_date"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "birth_country"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "birthplace"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "gender"`);
    await queryRunner.query(`DROP TYPE "public"."person_gender"`);
  }
}
