import { systemScope } from '@relais/access';
import { MembershipImportRepository } from '@relais/identity';
import { StructureRefsRepository } from '@relais/organizations';
import { TeamImportRepository, type TeamImportProblemRow, TeamRole } from '@relais/pathways';
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

/** The tables of the owners, written and read through them; the kinds are plain objects, built outside Nest. */
const teams = new TeamImportRepository();
const memberships = new MembershipImportRepository();
const structureRefs = new StructureRefsRepository();

/** The import reads the territory's people and teams for the system, on the admin's request. */
const scope = systemScope('import');

function problemsFrom(rows: readonly TeamImportProblemRow[]): ImportProblem[] {
  return rows.map((row) => ({ line: row.line, column: row.column, message: row.message }));
}

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
         ADD COLUMN stay_id uuid, ADD COLUMN stay_role team_role, ADD COLUMN ref_structure_ids uuid[],
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
    await teams.matchPeople(scope, runner, territoryId);
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'person' AS "column",
                'person: no person of this territory has the identifier "' || person_ref || '" (import the people first)' AS message
           FROM import_stage WHERE person_id IS NULL`,
      )),
    );
    await memberships.matchAccountsByEmail(runner);
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'email' AS "column",
                'email: no account has the address ' || email || ' (import the accounts first)' AS message
           FROM import_stage WHERE account_id IS NULL`,
      )),
    );
    // The professional membership they follow with: in the named structure, or their only one here.
    await structureRefs.stageStructureRefs(runner);
    await memberships.matchProfessionalMemberships(runner, territoryId);
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
    await teams.matchStays(scope, runner);
    errors.push(...problemsFrom(await teams.roleConflicts(scope, runner)));
    const warnings = problemsFrom(await teams.skipClosedFiles(scope, runner));
    return { errors, warnings };
  },

  async plan(context) {
    return countsOf(context);
  },

  async apply(context) {
    const { runner, actor } = context;
    const counts = await countsOf(context);
    await teams.promoteStaged(runner, actor);
    await teams.joinStaged(runner, actor);
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
