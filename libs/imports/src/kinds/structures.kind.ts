import { isValidSiret, StructureImportRepository, StructureType } from '@relais/organizations';
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
import { namesOf, oneOf, postalCode, text, rowReader } from './cells.js';

const columns: readonly ColumnSpec[] = [
  {
    key: 'external_id',
    label: 'identifiant',
    aliases: ['id', 'code', 'code structure', 'identifiant externe', 'external id'],
    required: true,
  },
  {
    key: 'type',
    label: 'type',
    aliases: ['type de structure', 'structure type', 'categorie'],
    required: true,
  },
  {
    key: 'name',
    label: 'nom',
    aliases: ['raison sociale', 'libelle', 'denomination'],
    required: true,
  },
  { key: 'siret', label: 'siret', aliases: ['numero siret'], required: false },
  {
    key: 'address_line',
    label: 'adresse',
    aliases: ['address', 'adresse postale'],
    required: false,
  },
  {
    key: 'postal_code',
    label: 'code postal',
    aliases: ['cp', 'zip', 'zip code', 'postcode'],
    required: false,
  },
  { key: 'city', label: 'commune', aliases: ['ville', 'localite'], required: false },
];

/** Structure types by code and by the names départements use. */
export const STRUCTURE_TYPES = namesOf<StructureType>({
  [StructureType.CONSEIL_DEPARTEMENTAL]: ['conseil departemental', 'departement', 'cd'],
  [StructureType.FRANCE_TRAVAIL]: ['france travail', 'pole emploi', 'ft', 'pe'],
  [StructureType.MISSION_LOCALE]: ['mission locale', 'ml'],
  [StructureType.CAP_EMPLOI]: ['cap emploi'],
  [StructureType.CAF]: ['caisse d allocations familiales'],
  [StructureType.MSA]: ['mutualite sociale agricole'],
  [StructureType.CCAS]: [
    'cias',
    'centre communal d action sociale',
    'centre intercommunal d action sociale',
  ],
  [StructureType.ASSOCIATION]: ['asso'],
  [StructureType.SIAE]: ['structure d insertion par l activite economique', 'iae'],
  [StructureType.OTHER]: ['autre'],
});

const staging = [
  { name: 'external_id', type: 'text' },
  { name: 'type', type: 'structure_type' },
  { name: 'name', type: 'citext' },
  { name: 'siret', type: 'text' },
  { name: 'address_line', type: 'text' },
  { name: 'postal_code', type: 'text' },
  { name: 'city', type: 'text' },
] as const;

const OPTIONAL = ['siret', 'address_line', 'postal_code', 'city'] as const;

function settable(present: ReadonlySet<string>): string[] {
  return ['external_id', 'type', 'name', ...OPTIONAL.filter((column) => present.has(column))];
}

/** Organizations' statements, in the import's transaction (its runner). */
const structuresOf = (runner: QueryRunner) => new StructureImportRepository(runner.connection);

/** Structures of the territory, upserted on their code in the département's files. */
export const structuresImport: ImportKindDefinition = {
  kind: ImportKind.STRUCTURES,
  columns,
  staging,
  parseRow({ line, values }) {
    const { problems, cell, raw } = rowReader(line, values);
    const externalId = cell('external_id', text(raw('external_id'), 64), true);
    const type = cell(
      'type',
      oneOf(
        raw('type'),
        STRUCTURE_TYPES,
        'a structure type (e.g. CCAS, Mission locale, France Travail)',
      ),
      true,
    );
    const name = cell('name', text(raw('name'), 200), true);
    const siretRaw = raw('siret').replace(/\s/g, '');
    const siret = cell(
      'siret',
      !siretRaw || isValidSiret(siretRaw)
        ? { ok: true, value: siretRaw || null }
        : {
            ok: false,
            message: `"${raw('siret')}" is not a SIRET of 14 digits with a valid check digit`,
          },
    );
    const addressLine = cell('address_line', text(raw('address_line'), 200));
    const postal = cell('postal_code', postalCode(raw('postal_code')));
    const city = cell('city', text(raw('city'), 100));
    if (problems.length > 0) return { values: null, problems };
    return { problems, values: [externalId, type, name, siret, addressLine, postal, city] };
  },

  async check({ runner, territoryId }) {
    await runner.query(
      `ALTER TABLE import_stage ADD COLUMN target_id uuid, ADD COLUMN skip boolean NOT NULL DEFAULT false`,
    );
    const errors: ImportProblem[] = [];
    errors.push(
      ...(await problemsOf(
        runner,
        duplicateProblems('external_id', 'external_id', 'This code is'),
      )),
    );
    errors.push(...(await problemsOf(runner, duplicateProblems('name', 'name', 'This name is'))));
    const structures = structuresOf(runner);
    await structures.matchStagedByCode(territoryId, runner.manager);
    // A structure created in Relais, without a code yet, is taken over by its name.
    await structures.matchStagedByName(territoryId, runner.manager);
    errors.push(
      ...(await structures.nameCollisions(territoryId, runner.manager)).map(
        (row): ImportProblem => ({ line: row.line, column: row.column, message: row.message }),
      ),
    );
    return { errors, warnings: [] };
  },

  async plan(context) {
    await createChanges(context);
    return countsOf(context);
  },

  async apply(context) {
    const { runner, territoryId, present } = context;
    await createChanges(context);
    const counts = await countsOf(context);
    const structures = structuresOf(runner);
    await structures.updateChangedFromStage(settable(present), runner.manager);
    await structures.createUntargeted(territoryId, runner.manager);
    return counts;
  },
};

async function createChanges({ runner, present }: MergeContext): Promise<void> {
  await structuresOf(runner).stageChanges(settable(present), runner.manager);
}

async function countsOf({ runner }: MergeContext): Promise<ImportCounts> {
  const [row] = await runner.manager.query<ImportCounts[]>(
    `SELECT count(*) FILTER (WHERE s.target_id IS NULL)::int AS created,
            count(c.line)::int AS updated,
            count(*) FILTER (WHERE s.target_id IS NOT NULL AND c.line IS NULL)::int AS unchanged,
            0 AS skipped
       FROM import_stage s LEFT JOIN import_changes c ON c.line = s.line`,
  );
  return row;
}
