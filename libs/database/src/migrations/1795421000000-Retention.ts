import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (DOMAIN.md rules 6 and 7, decision 0014):
 * - `person.archived_at`, from which an archived file's 24 months before purge are counted;
 * - the access log's one path to deletion: `access_log_purge(cutoff, dry_run)` cuts each
 *   territory's chain before its oldest row younger than 12 months, never its latest row (the
 *   head), and first records the last row it cuts, with its hash, in `access_log_anchor`.
 *   `audit:verify` checks the first remaining row's prev_hash against that anchor. The trigger
 *   of `access_log` lets a DELETE through only inside that function (a transaction-local
 *   setting), for rows older than 12 months, covered by their territory's anchor and before its
 *   head; the anchor itself only moves forward, to a real row older than 12 months, with that
 *   row's hash, and is never deleted.
 */
export class Retention1795421000000 implements MigrationInterface {
  name = 'Retention1795421000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" ADD "archived_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "IDX_person_archived" ON "person" ("archived_at") WHERE "status" = 'ARCHIVED'`,
    );
    // A purge finds a person's events and notifications by these.
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_event_person" ON "outbox_event" ("person_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_person" ON "notification" ("person_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "access_log_anchor" (
        "territory_id" uuid PRIMARY KEY,
        "last_purged_id" bigint NOT NULL,
        "last_purged_hash" bytea NOT NULL,
        "purged_rows" bigint NOT NULL,
        "purged_at" timestamptz NOT NULL
      )`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "access_log_anchor_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE cut access_log;
        BEGIN
          IF TG_OP = 'DELETE'
             OR current_setting('relais.access_log_purge', true) IS DISTINCT FROM 'on' THEN
            RAISE EXCEPTION 'access_log_anchor moves only with the access log purge'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF TG_OP = 'UPDATE' AND (NEW.territory_id <> OLD.territory_id
             OR NEW.last_purged_id <= OLD.last_purged_id) THEN
            RAISE EXCEPTION 'access_log_anchor only moves forward'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          SELECT * INTO cut FROM access_log
            WHERE id = NEW.last_purged_id AND territory_id = NEW.territory_id;
          IF NOT FOUND OR cut.hash <> NEW.last_purged_hash
             OR cut.accessed_at >= now() - interval '12 months' THEN
            RAISE EXCEPTION 'access_log_anchor must name a row of its territory older than 12 months, with its hash'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_anchor_guard" BEFORE INSERT OR UPDATE OR DELETE
        ON "access_log_anchor" FOR EACH ROW EXECUTE FUNCTION access_log_anchor_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "access_log_anchor_no_truncate" BEFORE TRUNCATE ON "access_log_anchor"
        FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`,
    );
    // Replaces access_log_refuse_change on access_log (still used by TRUNCATE and the admin
    // audit): a DELETE passes only as the purge below makes it.
    await queryRunner.query(
      `CREATE FUNCTION "access_log_refuse_change_but_purge"() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE'
             AND current_setting('relais.access_log_purge', true) = 'on'
             AND OLD.accessed_at < now() - interval '12 months'
             AND OLD.id <= (SELECT last_purged_id FROM access_log_anchor
                             WHERE territory_id = OLD.territory_id)
             AND OLD.id < (SELECT last_id FROM access_log_head
                            WHERE territory_id = OLD.territory_id) THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
      $$`,
    );
    await queryRunner.query(`DROP TRIGGER "access_log_append_only" ON "access_log"`);
    await queryRunner.query(
      `CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change_but_purge()`,
    );
    // Each territory's chain is cut before its first row younger than the cutoff, and never at
    // its head. With dry_run, counts only.
    await queryRunner.query(
      `CREATE FUNCTION "access_log_purge"(cutoff timestamptz, dry_run boolean)
        RETURNS TABLE (chain_territory_id uuid, purged_count bigint) LANGUAGE plpgsql AS $$
        DECLARE chain record; cut access_log; removed bigint;
        BEGIN
          IF cutoff > now() - interval '12 months' THEN
            RAISE EXCEPTION 'the access log is kept 12 months' USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF NOT dry_run THEN
            PERFORM set_config('relais.access_log_purge', 'on', true);
          END IF;
          FOR chain IN SELECT h.territory_id, h.last_id FROM access_log_head h
                        ORDER BY h.territory_id LOOP
            SELECT * INTO cut FROM access_log e
              WHERE e.territory_id = chain.territory_id
                AND e.id < LEAST(chain.last_id, COALESCE(
                  (SELECT min(y.id) FROM access_log y
                    WHERE y.territory_id = chain.territory_id AND y.accessed_at >= cutoff),
                  chain.last_id))
              ORDER BY e.id DESC LIMIT 1;
            CONTINUE WHEN NOT FOUND;
            SELECT count(*) INTO removed FROM access_log e
              WHERE e.territory_id = chain.territory_id AND e.id <= cut.id;
            IF NOT dry_run THEN
              INSERT INTO access_log_anchor AS anchor
                  (territory_id, last_purged_id, last_purged_hash, purged_rows, purged_at)
                VALUES (chain.territory_id, cut.id, cut.hash, removed, now())
                ON CONFLICT (territory_id) DO UPDATE
                  SET last_purged_id = EXCLUDED.last_purged_id,
                      last_purged_hash = EXCLUDED.last_purged_hash,
                      purged_rows = anchor.purged_rows + EXCLUDED.purged_rows,
                      purged_at = EXCLUDED.purged_at;
              DELETE FROM access_log e
                WHERE e.territory_id = chain.territory_id AND e.id <= cut.id;
            END IF;
            chain_territory_id := chain.territory_id;
            purged_count := removed;
            RETURN NEXT;
          END LOOP;
          IF NOT dry_run THEN
            PERFORM set_config('relais.access_log_purge', 'off', true);
          END IF;
        END
      $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "access_log_purge"(timestamptz, boolean)`);
    await queryRunner.query(`DROP TRIGGER "access_log_append_only" ON "access_log"`);
    await queryRunner.query(
      `CREATE TRIGGER "access_log_append_only" BEFORE UPDATE OR DELETE ON "access_log"
        FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`,
    );
    await queryRunner.query(`DROP FUNCTION "access_log_refuse_change_but_purge"()`);
    await queryRunner.query(`DROP TRIGGER "access_log_anchor_no_truncate" ON "access_log_anchor"`);
    await queryRunner.query(`DROP TRIGGER "access_log_anchor_guard" ON "access_log_anchor"`);
    await queryRunner.query(`DROP FUNCTION "access_log_anchor_guard"()`);
    await queryRunner.query(`DROP TABLE "access_log_anchor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_event_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_person_archived"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "archived_at"`);
  }
}
