import { AccountImportRepository, Role } from '@relais/identity';
import { StructureImportRepository } from '@relais/organizations';
import type { QueryRunner } from 'typeorm';
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
    key: 'email',
    label: 'courriel',
    aliases: ['e-mail', 'mail', 'adresse email', 'adresse mail', 'email professionnel'],
    required: true,
  },
  {
    key: 'family_name',
    label: 'nom',
    aliases: ['nom de famille', 'last name', 'surname'],
    required: true,
  },
  { key: 'given_name', label: 'prénom', aliases: ['first name', 'given name'], required: true },
  {
    key: 'structure',
    label: 'structure',
    aliases: ['code structure', 'identifiant structure', 'structure id', 'structure code'],
    required: true,
  },
  { key: 'role', label: 'rôle', aliases: ['fonction', 'profil'], required: false },
];

/** The roles an import grants: those of a structure (territory admins are invited one by one). */
const ROLES = namesOf<Role>({
  [Role.PROFESSIONAL]: [
    'professionnel',
    'professionnelle',
    'accompagnateur',
    'accompagnatrice',
    'conseiller',
    'conseillere',
    'referent',
    'caseworker',
  ],
  [Role.ORIENTATION_MANAGER]: [
    'charge d orientation',
    'chargee d orientation',
    'orientation manager',
  ],
  [Role.STRUCTURE_ADMIN]: [
    'administrateur de structure',
    'administratrice de structure',
    'admin structure',
    'administrateur structure',
    'structure admin',
  ],
} as unknown as Record<Role, readonly string[]>);

const staging = [
  { name: 'email', type: 'citext' },
  { name: 'given_name', type: 'text' },
  { name: 'family_name', type: 'text' },
  { name: 'structure_ref', type: 'citext' },
  { name: 'role', type: 'membership_role' },
] as const;

/** Identity's and organizations' statements, in the import's transaction (its runner). */
const accountsOf = (runner: QueryRunner) => new AccountImportRepository(runner.connection);
const structuresOf = (runner: QueryRunner) => new StructureImportRepository(runner.connection);

/**
 * Professionals' accounts and their memberships: the account is found by email (or created),
 * and the membership (structure × role) granted unless it already is. Names are updated only
 * for accounts that work in no other territory.
 */
export const accountsImport: ImportKindDefinition = {
  kind: ImportKind.ACCOUNTS,
  columns,
  staging,
  parseRow({ line, values }) {
    const { problems, cell, raw } = rowReader(line, values);
    const mail = cell('email', email(raw('email')), true);
    const familyName = cell('family_name', text(raw('family_name'), 100), true);
    const givenName = cell('given_name', text(raw('given_name'), 100), true);
    const structure = cell('structure', text(raw('structure'), 200), true);
    const role = cell(
      'role',
      oneOf(
        raw('role'),
        ROLES,
        "a role of a structure (professionnel, chargé d'orientation or administrateur de structure)",
      ),
    );
    if (problems.length > 0) return { values: null, problems };
    return {
      problems,
      values: [mail, givenName, familyName, structure, role ?? Role.PROFESSIONAL],
    };
  },

  async check({ runner, territoryId }) {
    await runner.query(
      `ALTER TABLE import_stage ADD COLUMN structure_id uuid, ADD COLUMN account_id uuid,
         ADD COLUMN keep_names boolean NOT NULL DEFAULT false, ADD COLUMN has_membership boolean NOT NULL DEFAULT false`,
    );
    const errors: ImportProblem[] = [];
    errors.push(
      ...(await problemsOf(
        runner,
        duplicateProblems(
          'email, structure_ref, role',
          'email',
          'This account, structure and role are',
        ),
      )),
    );
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'given_name' AS "column",
                'given_name and family_name differ from line ' || first_line || ' for the same email' AS message
           FROM (SELECT line, given_name, family_name,
                        first_value(line) OVER w AS first_line,
                        first_value(given_name) OVER w AS first_given,
                        first_value(family_name) OVER w AS first_family
                   FROM import_stage WINDOW w AS (PARTITION BY email ORDER BY line)) d
          WHERE (given_name, family_name) IS DISTINCT FROM (first_given, first_family)`,
      )),
    );
    // A structure by its code, or else by its name.
    await structuresOf(runner).resolveStagedStructureRefs(territoryId, runner.manager);
    errors.push(
      ...(await problemsOf(
        runner,
        `SELECT line, 'structure' AS "column",
                'structure: no structure of this territory has the code or name "' || structure_ref || '" (import the structures first)' AS message
           FROM import_stage WHERE structure_id IS NULL`,
      )),
    );
    const accounts = accountsOf(runner);
    await accounts.matchStagedAccounts(territoryId, runner.manager);
    const warnings = (await accounts.disabledAccountLines(runner.manager)).map(
      (row): ImportProblem => ({ line: row.line, column: row.column, message: row.message }),
    );
    return { errors, warnings };
  },

  async plan(context) {
    await createChanges(context);
    return countsOf(context);
  },

  async apply(context) {
    const { runner, territoryId, actor } = context;
    await createChanges(context);
    const counts = await countsOf(context);
    const accounts = accountsOf(runner);
    await accounts.renameChangedAccounts(runner.manager);
    await accounts.createStagedAccounts(runner.manager);
    await accounts.grantStagedMemberships(territoryId, actor.membershipId, runner.manager);
    return counts;
  },
};

/** Rows whose account's names change (accounts working only in this territory). */
async function createChanges({ runner }: MergeContext): Promise<void> {
  await accountsOf(runner).stageNameChanges(runner.manager);
}

/** By row: created (a new account or membership), updated (names), unchanged. */
async function countsOf({ runner }: MergeContext): Promise<ImportCounts> {
  const [row] = await runner.manager.query<ImportCounts[]>(
    `SELECT count(*) FILTER (WHERE s.account_id IS NULL OR NOT s.has_membership)::int AS created,
            count(*) FILTER (WHERE s.account_id IS NOT NULL AND s.has_membership AND c.rename)::int AS updated,
            count(*) FILTER (WHERE s.account_id IS NOT NULL AND s.has_membership AND c.line IS NULL)::int AS unchanged,
            0 AS skipped
       FROM import_stage s LEFT JOIN import_changes c ON c.line = s.line`,
  );
  return row;
}
