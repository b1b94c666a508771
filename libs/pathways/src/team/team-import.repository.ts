import { Injectable } from '@nestjs/common';
import type { SystemScope } from '@relais/access';
import { EventType } from '@relais/events';
import type { QueryRunner } from 'typeorm';

/** A problem of one staged line, as the import reports it. */
export interface TeamImportProblemRow {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** Who runs the import: a territory admin through the API, or an operator at the command line. */
export interface TeamImportActor {
  readonly accountId: string | null;
  readonly membershipId: string | null;
}

/**
 * The person, team_member and timeline_event tables for a bulk import of teams: the staged rows
 * (`import_stage`, with person_id, account_id, membership_id, structure_id, stay_id, stay_role
 * and skip) are matched with, checked against and merged into the territory's teams,
 * set-based, in the import's transaction: each method is one statement on the import's query
 * runner, where the temporary table lives. The reads take `systemScope('import')`: an import
 * reads the whole territory's people and teams, for matching.
 */
@Injectable()
export class TeamImportRepository {
  /** Each staged row's person, by the identifier in the département's software. */
  async matchPeople(_scope: SystemScope, runner: QueryRunner, territoryId: string): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET person_id = p.id FROM person p
        WHERE p.territory_id = $1 AND p.external_id = s.person_ref`,
      [territoryId],
    );
  }

  /** Each staged row's current stay of the professional in the person's team, if any. */
  async matchStays(_scope: SystemScope, runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE import_stage s SET stay_id = tm.id, stay_role = tm.role FROM team_member tm
        WHERE tm.person_id = s.person_id AND tm.account_id = s.account_id AND tm.left_at IS NULL`,
    );
  }

  /** Lines that would give a person a second referent, or demote their referent. */
  roleConflicts(_scope: SystemScope, runner: QueryRunner): Promise<TeamImportProblemRow[]> {
    return runner.manager.query<TeamImportProblemRow[]>(
      `SELECT s.line, 'role' AS "column",
                'role: this person already has another referent; change the referent in Relais with a handover' AS message
           FROM import_stage s JOIN team_member tm ON tm.person_id = s.person_id
            AND tm.role = 'REFERENT' AND tm.left_at IS NULL AND tm.account_id <> s.account_id
          WHERE s.role = 'REFERENT'
         UNION ALL
         SELECT line, 'role', 'role: this professional is the person''s referent; a referent becomes a member only through a handover'
           FROM import_stage WHERE stay_role = 'REFERENT' AND role = 'FOLLOWER'`,
      [],
    );
  }

  /**
   * Marks `skip` the lines whose file nobody joins now (read-only, or the person objected to
   * sharing), and says why for each.
   */
  skipClosedFiles(_scope: SystemScope, runner: QueryRunner): Promise<TeamImportProblemRow[]> {
    return runner.manager.query<TeamImportProblemRow[]>(
      `WITH skipped AS (
         UPDATE import_stage s SET skip = true FROM person p
          WHERE p.id = s.person_id
            AND ((s.stay_id IS NULL AND (p.status <> 'ACTIVE' OR p.restricted OR p.objection))
              OR (s.stay_role = 'FOLLOWER' AND s.role = 'REFERENT' AND (p.status <> 'ACTIVE' OR p.restricted)))
         RETURNING s.line, p.objection, p.restricted, p.status)
       SELECT line, NULL AS "column",
              CASE WHEN objection AND NOT restricted AND status = 'ACTIVE'
                THEN 'left out: the person objected to sharing; a new member joins only with their recorded agreement, in Relais'
                ELSE 'left out: this person''s file is read-only (archived, or processing restricted at their request)' END AS message
         FROM skipped`,
      [],
    );
  }

  /** Members the file names referent become it, each with its timeline row. */
  async promoteStaged(runner: QueryRunner, actor: TeamImportActor): Promise<void> {
    await runner.query(
      `WITH promoted AS (
         UPDATE team_member tm SET role = 'REFERENT' FROM import_stage s
          WHERE tm.id = s.stay_id AND s.stay_role = 'FOLLOWER' AND s.role = 'REFERENT' AND NOT s.skip
         RETURNING tm.id, tm.person_id, tm.structure_id, tm.account_id)
       INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id, type,
              subject_type, subject_id, before, after)
       SELECT person_id, $1, $2, '${EventType.TEAM_ROLE_CHANGED}', 'TeamMember', id,
              jsonb_build_object('role', 'FOLLOWER'), jsonb_build_object('role', 'REFERENT')
         FROM promoted`,
      [actor.accountId, actor.membershipId],
    );
  }

  /** New stays for the lines without one, each with its timeline row; their files turn active. */
  async joinStaged(runner: QueryRunner, actor: TeamImportActor): Promise<void> {
    await runner.query(
      `WITH joined AS (
         INSERT INTO team_member (person_id, account_id, membership_id, structure_id, role, join_reason)
         SELECT person_id, account_id, membership_id, structure_id, role, 'Import'
           FROM import_stage WHERE stay_id IS NULL AND NOT skip ORDER BY line
         RETURNING id, person_id, account_id, structure_id, role),
       touched AS (UPDATE person p SET last_activity_at = now() WHERE p.id IN (SELECT person_id FROM joined))
       INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id, type,
              subject_type, subject_id, after)
       SELECT person_id, $1, $2, '${EventType.TEAM_JOINED}', 'TeamMember', id,
              jsonb_build_object('role', role, 'structureId', structure_id, 'accountId', account_id)
         FROM joined`,
      [actor.accountId, actor.membershipId],
    );
  }
}
