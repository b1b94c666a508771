import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AdminListIndexes1795399144982 implements MigrationInterface {
  name = 'AdminListIndexes1795399144982';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_membership_structure" ON "membership"  ("structure_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_membership_territory" ON "membership"  ("territory_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_invitation_structure" ON "invitation"  ("structure_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_invitation_territory" ON "invitation"  ("territory_id", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_invitation_territory"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_invitation_structure"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_territory"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_membership_structure"`);
  }
}
