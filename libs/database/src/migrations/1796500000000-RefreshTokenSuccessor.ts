import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A used refresh token keeps its successor, sealed with a key derived from the token itself:
 * a concurrent refresh within a few seconds gets the same successor instead of ending the
 * session (two tabs refreshing at once). Sealed values are useless once the grace has passed.
 */
export class RefreshTokenSuccessor1796500000000 implements MigrationInterface {
  name = 'RefreshTokenSuccessor1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD "successor_sealed" bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP COLUMN "successor_sealed"`);
  }
}
