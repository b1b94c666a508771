import { EventType } from '@relais/events';
import { TeamRole } from '@relais/pathways';
import type { ColumnSpec } from '../csv/csv-rows.js';
import {
  duplicateProblems,
  type ImportCounts,
  type ImportKindDefinition,
  type ImportProblem,
  type MergeContext,
  problemsOf,
} from '../import-kind.js';
import { ImportKind } from '../import-run.entity.js';
import { email, namesOf, oneOf, text, rowReader } from './cells.js';

const columns: readonly ColumnSpec[] = [
  {
    key: 'person',
    label: 'identifiant personne',
    aliases: ['person', 'person id', 'personne', 'identifiant beneficiaire', 'person external id'],
    required: true,
  },
  {
    key: 'email',
    label: 'courriel professionnel',
    aliases: [
      'courriel',
      'e-mail',
      'mail',
      'email professionnel',
      'professional email',
      'account email',
    ],
    required: true,
  },
  {
    key: 'structure',
    label: 'structure',
    aliases: ['code structure', 'identifiant structure', 'structure id', 'structure code'],
    required: false,
  },
  { key: 'role', label: 'rôle', aliases: ['role dans l equipe', 'team role'], required: false },
];

const TEAM_ROLES = namesOf<TeamRole>({
  [TeamRole.REFERENT]: ['referent', 'referente', 'referent unique', 'referente unique'],
  [TeamRole.FOLLOWER]: [
    'membre',
    'suivi',
    'accompagnateur',
    'accompagnatrice',
    'follower',
    'member',
  ],
});

const staging = [
  { name: 'person_ref', type: 'text' },
  { name: 'email', type: 'citext' },
  { name: 'structure_ref', type: 'citext' },
  { name: 'role', type: 'team_role' },
] as const;

/**
 * Who follows whom: a professional joins a person's team, as referent or member, through their
 * professional membership in a structure of the territory.
 */
export const teamImport: ImportKindDefinition = {
  kind: ImportKind.TEAM,
  columns,
  staging,
  parseRow({ line, values }) {
    const { problems, cell, raw } = rowReader(line, values);
    const person = cell('person', text(raw('person'), 64), true);
    const mail = cell('email', email(raw('email')), true);
    const structure = cell('structure', text(raw('structure'), 200));
    const role = cell('role', oneOf(raw('role'), TEAM_ROLES, 'a team role (référent or membre)'));
    if (problems.length > 0) return { values: null, problems };
    return { problems, values: [person, mail, structure, role ?? TeamRole.FOLLOWER] };
  },

  async check({ runner, territoryId }) {
    await runner.query(
      `ALTER TABLE import_stage ADD COLUMN person_id uuid, ADD COLUMN account_id uuid,
         ADD COLUMN membership_id uuid, ADD COLUMN structure_id uuid, ADD COLUMN memberships int,
         ADD COLUMN stay_id uuid, ADD COLUMN stay_role team_role,
         ADD COLUMN skip boolean NOT NULL DEFAULT false`,
    );
    const errors: ImportProblem[] = [];
    errors.push(
      ...(await problemsOf(
        runner,
        duplicateProblems('person_ref, email', 'email', 'This person and professional are'),
      )),
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'role' AS "column", 'role: another referent for this person is already on line ' || first_line AS message
           FROM (SELECT line, min(line) OVER (PARTITION BY person_ref) AS first_line
                   FROM import_stage WHERE role = 'REFERENT') d WHERE line <> first_line`,
      )),
    );
    await runner.query(
      `UPDATE import_stage s SET person_id = p.id FROM person p
        WHERE p.territory_id = $1 AND p.external_id = s.person_ref`,
      [territoryId],
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'person' AS "column",
                'person: no person of this territory has the identifier "' || person_ref || '" (import the people first)' AS message
           FROM import_stage WHERE person_id IS NULL`,
      )),
    );
    await runner.query(
      `UPDATE import_stage s SET account_id = a.id FROM account a WHERE a.email = s.email`,
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'email' AS "column",
                'email: no account has the address ' || email || ' (import the accounts first)' AS message
           FROM import_stage WHERE account_id IS NULL`,
      )),
    );
    // The professional membership they follow with: in the named structure, or their only one here.
    await runner.query(
      `UPDATE import_stage s SET memberships = m.n, membership_id = m.id, structure_id = m.structure_id
         FROM (SELECT s2.line, count(*)::int AS n, (array_agg(m.id))[1] AS id,
                      (array_agg(m.structure_id))[1] AS structure_id
                 FROM import_stage s2
                 JOIN membership m ON m.account_id = s2.account_id AND m.revoked_at IS NULL
                  AND m.role = 'PROFESSIONAL' AND m.territory_id = $1
                 JOIN structure t ON t.id = m.structure_id
                WHERE s2.structure_ref IS NULL OR t.external_id = s2.structure_ref::text OR t.name = s2.structure_ref
                GROUP BY s2.line) m
        WHERE m.line = s.line`,
      [territoryId],
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, CASE WHEN structure_ref IS NULL THEN 'email' ELSE 'structure' END AS "column",
                CASE
                  WHEN memberships IS NULL AND structure_ref IS NULL
                    THEN 'email: ' || email || ' is not a professional of any structure of this territory'
                  WHEN memberships IS NULL
                    THEN 'structure: ' || email || ' is not a professional of "' || structure_ref || '" in this territory'
                  ELSE 'structure: ' || email || ' is a professional of several structures here; say which one'
                END AS message
           FROM import_stage
          WHERE account_id IS NOT NULL AND (memberships IS NULL OR memberships > 1)`,
      )),
    );
    await runner.query(
      `UPDATE import_stage s SET stay_id = tm.id, stay_role = tm.role FROM team_member tm
        WHERE tm.person_id = s.person_id AND tm.account_id = s.account_id AND tm.left_at IS NULL`,
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT s.line, 'role' AS "column",
                'role: this person already has another referent; change the referent in Relais with a handover' AS message
           FROM import_stage s JOIN team_member tm ON tm.person_id = s.person_id
            AND tm.role = 'REFERENT' AND tm.left_at IS NULL AND tm.account_id <> s.account_id
          WHERE s.role = 'REFERENT'
         UNION ALL
         SELECT line, 'role', 'role: this professional is the person''s referent; a referent becomes a member only through a handover'
           FROM import_stage WHERE stay_role = 'REFERENT' AND role = 'FOLLOWER'`,
      )),
    );
    const warnings = await problemsOf(
      runner,
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
    );
    return { errors, warnings };
  },

  async plan(context) {
    return countsOf(context);
  },

  async apply(context) {
    const { runner, actor } = context;
    const counts = await countsOf(context);
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
    return counts;
  },
};

async function countsOf({ runner }: MergeContext): Promise<ImportCounts> {
  const [row] = await runner.manager.query<ImportCounts[]>(
    `SELECT count(*) FILTER (WHERE stay_id IS NULL AND NOT skip)::int AS created,
            count(*) FILTER (WHERE stay_role = 'FOLLOWER' AND role = 'REFERENT' AND NOT skip)::int AS updated,
            count(*) FILTER (WHERE stay_id IS NOT NULL AND NOT (stay_role = 'FOLLOWER' AND role = 'REFERENT'))::int AS unchanged,
            count(*) FILTER (WHERE skip)::int AS skipped
       FROM import_stage`,
  );
  return row;
}
