import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The admin audit becomes tamper-evident like the access log (decision 0008): one chain for the
 * whole log (admin changes are few). A BEFORE INSERT trigger locks the head row, numbers the row
 * (`seq`), truncates its time to the millisecond and sets `hash` = SHA-256(previous hash ‖
 * canonical row); UPDATE, DELETE and TRUNCATE are refused for every role. Rows written before
 * this migration are chained here, in the order they were written.
 */
export class AdminAuditChain1795417000000 implements MigrationInterface {
  name = 'AdminAuditChain1795417000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "admin_audit_seq" AS bigint`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" ADD "seq" bigint, ADD "prev_hash" bytea, ADD "hash" bytea`,
    );
    await queryRunner.query(
      `CREATE TABLE "admin_audit_head" (
        "chain" varchar(20) PRIMARY KEY,
        "last_seq" bigint NOT NULL,
        "last_hash" bytea NOT NULL
      )`,
    );
    // The canonical text of a row; audit:verify rebuilds it, reading the JSON as PostgreSQL
    // prints it (jsonb's text is canonical: keys sorted, one spacing).
    await queryRunner.query(
      `CREATE FUNCTION "admin_audit_canonical"(entry "admin_audit_event") RETURNS text
        LANGUAGE sql IMMUTABLE AS $$
          SELECT concat_ws('|', entry.seq, entry.id,
            to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            entry.actor_account_id, entry.actor_membership_id, entry.action, entry.subject_type,
            entry.subject_id, coalesce(entry.territory_id::text, ''),
            coalesce(entry.structure_id::text, ''), coalesce(entry.before::text, ''),
            coalesce(entry.after::text, ''))
        $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "admin_audit_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE previous bytea;
        BEGIN
          INSERT INTO admin_audit_head (chain, last_seq, last_hash)
            VALUES ('admin', 0, '\\x0000000000000000000000000000000000000000000000000000000000000000')
            ON CONFLICT (chain) DO NOTHING;
          SELECT last_hash INTO previous FROM admin_audit_head WHERE chain = 'admin' FOR UPDATE;
          NEW.seq := nextval('admin_audit_seq');
          NEW.occurred_at := date_trunc('milliseconds', NEW.occurred_at);
          NEW.prev_hash := previous;
          NEW.hash := sha256(previous || convert_to(admin_audit_canonical(NEW), 'UTF8'));
          UPDATE admin_audit_head SET last_seq = NEW.seq, last_hash = NEW.hash
            WHERE chain = 'admin';
          RETURN NEW;
        END
      $$`,
    );
    // The rows written so far, chained in the order they were written.
    await queryRunner.query(
      `DO $$
        DECLARE entry admin_audit_event; previous bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000';
        BEGIN
          FOR entry IN SELECT * FROM admin_audit_event ORDER BY occurred_at, id LOOP
            entry.seq := nextval('admin_audit_seq');
            entry.occurred_at := date_trunc('milliseconds', entry.occurred_at);
            entry.prev_hash := previous;
            entry.hash := sha256(previous || convert_to(admin_audit_canonical(entry), 'UTF8'));
            UPDATE admin_audit_event SET seq = entry.seq, occurred_at = entry.occurred_at,
              prev_hash = entry.prev_hash, hash = entry.hash WHERE id = entry.id;
            INSERT INTO admin_audit_head (chain, last_seq, last_hash)
              VALUES ('admin', entry.seq, entry.hash)
              ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq,
                last_hash = EXCLUDED.last_hash;
            previous := entry.hash;
          END LOOP;
        END
      $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" ALTER "seq" SET NOT NULL, ALTER "prev_hash" SET NOT NULL,
        ALTER "hash" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_admin_audit_seq" ON "admin_audit_event" ("seq")`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_chain" BEFORE INSERT ON "admin_audit_event"
        FOR EACH ROW EXECUTE FUNCTION admin_audit_chain()`,
    );
    // access_log_refuse_change: the access log's own guard (AccessLogChainAndSearch).
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_append_only" BEFORE UPDATE OR DELETE ON "admin_audit_event"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_no_truncate" BEFORE TRUNCATE ON "admin_audit_event"
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "admin_audit_head_append_only" BEFORE DELETE ON "admin_audit_head"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "admin_audit_head_append_only" ON "admin_audit_head"`);
    await queryRunner.query(`DROP TRIGGER "admin_audit_no_truncate" ON "admin_audit_event"`);
    await queryRunner.query(`DROP TRIGGER "admin_audit_append_only" ON "admin_audit_event"`);
    await queryRunner.query(`DROP TRIGGER "admin_audit_chain" ON "admin_audit_event"`);
    await queryRunner.query(`DROP INDEX "UQ_admin_audit_seq"`);
    await queryRunner.query(`DROP FUNCTION "admin_audit_chain"()`);
    await queryRunner.query(`DROP FUNCTION "admin_audit_canonical"("admin_audit_event")`);
    await queryRunner.query(`DROP TABLE "admin_audit_head"`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "seq"`,
    );
    await queryRunner.query(`DROP SEQUENCE "admin_audit_seq"`);
  }
}
