import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider's logout at sign-out (FranceConnect's and ProConnect's "déconnexion
 * obligatoire"): which provider opened the session, and its raw ID token, the logout's
 * `id_token_hint`, cleared when the session ends (identity's table).
 */
export class SessionProviderLogout1796669535071 implements MigrationInterface {
  name = 'SessionProviderLogout1796669535071';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" ADD "provider" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "session" ADD "provider_id_token" text`);
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "CHK_session_provider" CHECK (("provider" IS NULL AND "provider_id_token" IS NULL) OR "provider" IN ('proconnect', 'franceconnect'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "CHK_session_provider"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "provider_id_token"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "provider"`);
  }
}
