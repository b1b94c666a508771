import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What TypeORM cannot declare:
 * - the access log's chain and its append-only guard. A BEFORE INSERT trigger locks the
 *   territory's head row, numbers the row, and sets `hash` = SHA-256(previous hash ‖ canonical
 *   row); UPDATE, DELETE and TRUNCATE are refused for every role, the owner included;
 * - the trigram index that serves the search of people by name.
 */
export class AccessLogChainAndSearch1795401735519 implements MigrationInterface {
  name = 'AccessLogChainAndSearch1795401735519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "access_log_id_seq" AS bigint`);
    await queryRunner.query(
      `CREATE TABLE "access_log_head" (
        "territory_id" uuid PRIMARY KEY,
        "last_id" bigint NOT NULL,
        "last_hash" bytea NOT NULL
      )`,
    );
    // The canonical text of a row; audit:verify rebuilds it byte for byte.
    await queryRunner.query(
      `CREATE FUNCTION "access_log_canonical"(entry "access_log") RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
          SELECT concat_ws('|', entry.id, entry.territory_id, entry.person_id,
            coalesce(entry.account_id::text, ''), coalesce(entry.membership_id::text, ''),
            coalesce(entry.client_id::text, ''), entry.ground,
            to_char(entry.accessed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "access_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE previous bytea;
        BEGIN
          INSERT INTO access_log_head (territory_id, last_id, last_hash)
            VALUES (NEW.territory_id, 0, '\\x0000000000000000000000000000000000000000000000000000000000000000')
            ON CONFLICT (territory_id) DO NOTHING;
          SELECT last_hash INTO previous FROM access_log_head
            WHERE territory_id = NEW.territory_id FOR UPDATE;
          NEW.id := nextval('access_log_id_seq');
          NEW.accessed_at := date_trunc('milliseconds', clock_timestamp());
          NEW.prev_hash := previous;
          NEW.hash := sha256(previous || convert_to(access_log_canonical(NEW), 'UTF8'));
          UPDATE access_log_head SET last_id = NEW.id, last_hash = NEW.hash
            WHERE territory_id = NEW.territory_id;
          RETURN NEW;
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_chain" BEFORE INSERT ON "access_log"
        FOR EACH ROW EXECUTE FUNCTION access_log_chain()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "access_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_no_truncate" BEFORE TRUNCATE ON "access_log"
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_head_append_only" BEFORE DELETE ON "access_log_head"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_person_search_trgm" ON "person" USING gin ("search_name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_person_search_trgm"`);
    await queryRunner.query(`DROP TRIGGER "access_log_head_append_only" ON "access_log_head"`);
    await queryRunner.query(`DROP TRIGGER "access_log_no_truncate" ON "access_log"`);
    await queryRunner.query(`DROP TRIGGER "access_log_append_only" ON "access_log"`);
    await queryRunner.query(`DROP FUNCTION "access_log_refuse_change"()`);
    await queryRunner.query(`DROP TRIGGER "access_log_chain" ON "access_log"`);
    await queryRunner.query(`DROP FUNCTION "access_log_chain"()`);
    await queryRunner.query(`DROP FUNCTION "access_log_canonical"("access_log")`);
    await queryRunner.query(`DROP TABLE "access_log_head"`);
    await queryRunner.query(`DROP SEQUENCE "access_log_id_seq"`);
  }
}
