import { Injectable } from '@nestjs/common';
import type { SystemScope } from '@relais/access';
import { EventType } from '@relais/events';
import type { QueryRunner } from 'typeorm';

/** A problem of one staged line, as the import reports it. */
export interface PersonImportProblemRow {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** Who runs the import: a territory admin through the API, or an operator at the command line. */
export interface PersonImportActor {
  readonly accountId: string | null;
  readonly membershipId: string | null;
}

/** The identifiers another person of the territory may already hold. */
export type PersonImportKey = 'nir' | 'caf_number' | 'france_travail_id';

/**
 * The person table (and the timeline of the people it writes) for a bulk import of people: the
 * staged rows (`import_stage`, with `target_id` and `skip`, and the changes in `import_changes`)
 * are matched with, checked against and merged into the territory's people, set-based, in the
 * import's transaction: each method is one statement on the import's query runner, where the
 * temporary tables live. The imports lib builds the staging tables and the per-column SQL. The
 * reads take `systemScope('import')`: an import reads the whole territory's people, for matching.
 */
@Injectable()
export class PersonImportRepository {
  /** Each staged row's person, by the identifier in the département's software. */
  async matchByExternalId(
    scope: SystemScope,
    runner: QueryRunner,
    territoryId: string,
  ): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET target_id = p.id
         FROM person p WHERE p.territory_id = $1 AND p.external_id = s.external_id`,
      [territoryId],
    );
  }

  /**
   * A person created in Relais (no identifier yet) is taken over when one of their keys matches;
   * the lines matching several people, or a person another line took, are problems.
   */
  adoptByKeys(
    scope: SystemScope,
    runner: QueryRunner,
    territoryId: string,
  ): Promise<PersonImportProblemRow[]> {
    return runner.manager.query<PersonImportProblemRow[]>(
      `WITH candidate AS (
           SELECT s.line, p.id FROM import_stage s JOIN person p
             ON p.territory_id = $1 AND p.external_id IS NULL AND p.nir = s.nir WHERE s.target_id IS NULL
           UNION SELECT s.line, p.id FROM import_stage s JOIN person p
             ON p.territory_id = $1 AND p.external_id IS NULL AND p.caf_number = s.caf_number WHERE s.target_id IS NULL
           UNION SELECT s.line, p.id FROM import_stage s JOIN person p
             ON p.territory_id = $1 AND p.external_id IS NULL AND p.france_travail_id = s.france_travail_id WHERE s.target_id IS NULL
           UNION SELECT s.line, p.id FROM import_stage s JOIN person p
             ON p.territory_id = $1 AND p.external_id IS NULL AND p.identity_key = s.identity_key
            AND p.birth_date = s.birth_date WHERE s.target_id IS NULL),
         single AS (
           SELECT line, (array_agg(id))[1] AS id, count(*) AS n FROM candidate GROUP BY line),
         claimed AS (
           SELECT line, id, n, min(line) OVER (PARTITION BY id) AS first_line FROM single),
         adopted AS (
           UPDATE import_stage s SET target_id = c.id FROM claimed c
            WHERE c.line = s.line AND c.n = 1 AND c.first_line = c.line RETURNING s.line)
         SELECT line, 'external_id' AS "column",
                CASE WHEN n > 1
                  THEN 'external_id: this line matches several people already in Relais (by NIR, CAF number, France Travail identifier or name and birth date)'
                  ELSE 'external_id: this line matches the same person already in Relais as line ' || first_line END AS message
           FROM claimed WHERE n > 1 OR first_line <> line`,
      [territoryId],
    );
  }

  /** Lines whose identifier another person of the territory holds. */
  keyConflicts(
    scope: SystemScope,
    runner: QueryRunner,
    territoryId: string,
    column: PersonImportKey,
    message: string,
  ): Promise<PersonImportProblemRow[]> {
    return runner.manager.query<PersonImportProblemRow[]>(
      `SELECT s.line, '${column}' AS "column", '${column}: ${message}' AS message
             FROM import_stage s JOIN person q ON q.territory_id = $1 AND q.${column} = s.${column}
            WHERE q.id IS DISTINCT FROM s.target_id`,
      [territoryId],
    );
  }

  /** Lines whose name and birth date another person of the territory has. */
  nameConflicts(
    scope: SystemScope,
    runner: QueryRunner,
    territoryId: string,
  ): Promise<PersonImportProblemRow[]> {
    return runner.manager.query<PersonImportProblemRow[]>(
      `SELECT s.line, 'family_name' AS "column",
                'family_name: another person of the territory has the same name and birth date' AS message
           FROM import_stage s JOIN person q ON q.territory_id = $1
            AND q.identity_key = s.identity_key AND q.birth_date = s.birth_date
          WHERE q.id IS DISTINCT FROM s.target_id`,
      [territoryId],
    );
  }

  /** Leaves out the lines of read-only files (archived, or restricted), each with a warning. */
  skipReadOnly(scope: SystemScope, runner: QueryRunner): Promise<PersonImportProblemRow[]> {
    return runner.manager.query<PersonImportProblemRow[]>(
      `WITH readonly AS (
         UPDATE import_stage s SET skip = true FROM person p
          WHERE p.id = s.target_id AND (p.status <> 'ACTIVE' OR p.restricted) RETURNING s.line)
       SELECT line, NULL AS "column",
              'left out: this person''s file is read-only (archived, or processing restricted at their request)' AS message
         FROM readonly`,
    );
  }

  /**
   * The rows that change an existing person, with the timeline's before and after, in the
   * temporary table `import_changes`: `values` lists, per field the file has, its key, the JSON
   * shown before and after, and whether it changes (`p` the person, `s` the staged row).
   */
  async stageChanges(scope: SystemScope, runner: QueryRunner, values: string): Promise<void> {
    await runner.query(
      `CREATE TEMP TABLE import_changes ON COMMIT DROP AS
     SELECT s.line, s.target_id, d.before, d.after,
            ('RQTH' = ANY(p.rights) OR 'RQTH' = ANY(COALESCE(s.rights, '{}'))) AND d.after ? 'rights' AS sensitive
       FROM import_stage s JOIN person p ON p.id = s.target_id
      CROSS JOIN LATERAL (
        SELECT jsonb_object_agg(f.key, f.old) FILTER (WHERE f.changed) AS before,
               jsonb_object_agg(f.key, f.new) FILTER (WHERE f.changed) AS after
          FROM (VALUES ${values}) AS f(key, old, new, changed)) d
      WHERE NOT s.skip AND d.after IS NOT NULL`,
    );
  }

  /** Writes the changed people (`sets` and `searchName` built by the import from its columns). */
  async updateChanged(runner: QueryRunner, sets: string, searchName: string): Promise<void> {
    await runner.query(
      `UPDATE person p SET ${sets}, search_name = ${searchName},
              identity_key = s.identity_key, version = p.version + 1, updated_at = now(),
              last_activity_at = now()
         FROM import_stage s JOIN import_changes c ON c.line = s.line
        WHERE p.id = s.target_id`,
    );
  }

  /** The timeline event of each changed person. */
  async appendChangeEvents(runner: QueryRunner, actor: PersonImportActor): Promise<void> {
    await runner.query(
      `INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id, type,
              subject_type, subject_id, sensitive, before, after)
       SELECT target_id, $1, $2, '${EventType.PERSON_UPDATED}', 'Person', target_id, sensitive, before, after
         FROM import_changes`,
      [actor.accountId, actor.membershipId],
    );
  }

  /** The new people, in file order, each with its timeline event: one statement. */
  async insertNew(
    runner: QueryRunner,
    territoryId: string,
    actor: PersonImportActor,
  ): Promise<void> {
    await runner.query(
      `WITH created AS (
         INSERT INTO person (territory_id, external_id, given_name, family_name, birth_name,
                birth_date, gender, birthplace, birth_country, email, phone, address_line,
                postal_code, city, nir, caf_number, france_travail_id, rights, rights_and_duties,
                search_name, identity_key, created_by_membership_id)
         SELECT $1, external_id, given_name, family_name, birth_name, birth_date, gender,
                birthplace, birth_country, email, phone, address_line, postal_code, city, nir,
                caf_number, france_travail_id,
                COALESCE(rights, '{}'), COALESCE(rights_and_duties, false), search_name,
                identity_key, $3
           FROM import_stage WHERE target_id IS NULL AND NOT skip ORDER BY line
         RETURNING id, given_name, family_name, rights)
       INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id, type,
              subject_type, subject_id, sensitive, before, after)
       SELECT id, $2, $3, '${EventType.PERSON_CREATED}', 'Person', id, 'RQTH' = ANY(rights), NULL,
              jsonb_build_object('givenName', given_name, 'familyName', family_name)
         FROM created`,
      [territoryId, actor.accountId, actor.membershipId],
    );
  }
}
