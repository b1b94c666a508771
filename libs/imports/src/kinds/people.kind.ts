import { systemScope } from '@relais/access';
import {
  Gender,
  isValidNir,
  normalizeNir,
  PersonImportRepository,
  type PersonImportProblemRow,
  PersonRight,
  searchText,
} from '@relais/pathways';
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
import {
  birthDate,
  type Cell,
  email,
  matching,
  namesOf,
  oneOf,
  nameKey,
  phone,
  postalCode,
  text,
  yesNo,
  rowReader,
} from './cells.js';

const columns: readonly ColumnSpec[] = [
  {
    key: 'external_id',
    label: 'identifiant',
    aliases: [
      'id',
      'identifiant externe',
      'id externe',
      'external id',
      'numero de dossier',
      'matricule',
    ],
    required: true,
  },
  {
    key: 'family_name',
    label: 'nom',
    aliases: ['nom de famille', "nom d'usage", 'last name', 'surname'],
    required: true,
  },
  { key: 'given_name', label: 'prénom', aliases: ['first name', 'given name'], required: true },
  {
    key: 'birth_name',
    label: 'nom de naissance',
    aliases: ['birth name', 'nom de jeune fille'],
    required: false,
  },
  {
    key: 'birth_date',
    label: 'date de naissance',
    aliases: ['date naissance', 'birthdate', 'date of birth', 'ddn'],
    required: true,
  },
  { key: 'gender', label: 'sexe', aliases: ['genre', 'gender', 'sex'], required: false },
  {
    key: 'birthplace',
    label: 'code commune naissance',
    aliases: ['commune de naissance (code INSEE)', 'code commune de naissance', 'birthplace'],
    required: false,
  },
  {
    key: 'birth_country',
    label: 'code pays naissance',
    aliases: ['pays de naissance (code INSEE)', 'code pays de naissance', 'birthcountry'],
    required: false,
  },
  {
    key: 'email',
    label: 'courriel',
    aliases: ['e-mail', 'mail', 'adresse email', 'adresse mail'],
    required: false,
  },
  { key: 'phone', label: 'téléphone', aliases: ['tel', 'portable', 'mobile'], required: false },
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
  {
    key: 'nir',
    label: 'nir',
    aliases: ['numero de securite sociale', 'numero secu', 'social security number'],
    required: false,
  },
  {
    key: 'caf_number',
    label: 'numéro allocataire',
    aliases: ['numero caf', 'matricule caf', 'caf number'],
    required: false,
  },
  {
    key: 'france_travail_id',
    label: 'identifiant France Travail',
    aliases: [
      'identifiant pole emploi',
      'id france travail',
      'id pole emploi',
      'france travail id',
    ],
    required: false,
  },
  { key: 'rights', label: 'droits', aliases: ['prestations'], required: false },
  {
    key: 'rights_and_duties',
    label: 'droits et devoirs',
    aliases: ['soumis aux droits et devoirs', 'sdd'],
    required: false,
  },
];

const RIGHTS = namesOf<PersonRight>({
  [PersonRight.RSA]: ['revenu de solidarite active'],
  [PersonRight.ARE]: ['allocation de retour a l emploi'],
  [PersonRight.ASS]: ['allocation de solidarite specifique'],
  [PersonRight.AAH]: ['allocation aux adultes handicapes'],
  [PersonRight.RQTH]: ['reconnaissance de la qualite de travailleur handicape'],
});

const GENDERS = namesOf<Gender>({
  [Gender.FEMALE]: ['f', 'femme', 'feminin', 'female'],
  [Gender.MALE]: ['m', 'h', 'homme', 'masculin', 'male'],
});

/** `RSA|RQTH`, `RSA, AAH` or `RSA RQTH`: each right by its code or French name. */
function rightsOf(raw: string): Cell<PersonRight[]> {
  if (!raw) return { ok: true, value: [] };
  const words = raw
    .split(/[|,;/+]|\s+/)
    .map((word) => word.trim())
    .filter(Boolean);
  const rights = new Set<PersonRight>();
  for (const word of words) {
    const right = RIGHTS[nameKey(word)];
    if (!right)
      return { ok: false, message: `"${word}" is not a right (RSA, ARE, ASS, AAH or RQTH)` };
    rights.add(right);
  }
  return { ok: true, value: [...rights] };
}

/** Staged columns, in COPY order. */
const staging = [
  { name: 'external_id', type: 'text' },
  { name: 'given_name', type: 'text' },
  { name: 'family_name', type: 'text' },
  { name: 'birth_name', type: 'text' },
  { name: 'birth_date', type: 'date' },
  { name: 'gender', type: 'person_gender' },
  { name: 'birthplace', type: 'text' },
  { name: 'birth_country', type: 'text' },
  { name: 'email', type: 'text' },
  { name: 'phone', type: 'text' },
  { name: 'address_line', type: 'text' },
  { name: 'postal_code', type: 'text' },
  { name: 'city', type: 'text' },
  { name: 'nir', type: 'text' },
  { name: 'caf_number', type: 'text' },
  { name: 'france_travail_id', type: 'text' },
  { name: 'rights', type: 'person_right[]' },
  { name: 'rights_and_duties', type: 'boolean' },
  { name: 'search_name', type: 'text' },
  { name: 'identity_key', type: 'text' },
] as const;

/** A person's field as the file may change it: column, key in the timeline, whether masked. */
interface FieldRule {
  readonly column: string;
  readonly key: string;
  /** Only when the file has this column. */
  readonly optional: boolean;
  readonly masked?: boolean;
  /** An empty cell keeps the current value (booleans cannot be "cleared"). */
  readonly keepWhenEmpty?: boolean;
}

const FIELDS: readonly FieldRule[] = [
  { column: 'external_id', key: 'externalId', optional: false },
  { column: 'given_name', key: 'givenName', optional: false },
  { column: 'family_name', key: 'familyName', optional: false },
  { column: 'birth_name', key: 'birthName', optional: true },
  { column: 'birth_date', key: 'birthDate', optional: false },
  { column: 'gender', key: 'gender', optional: true },
  { column: 'birthplace', key: 'birthplace', optional: true },
  { column: 'birth_country', key: 'birthCountry', optional: true },
  { column: 'email', key: 'email', optional: true },
  { column: 'phone', key: 'phone', optional: true },
  { column: 'address_line', key: 'addressLine', optional: true },
  { column: 'postal_code', key: 'postalCode', optional: true },
  { column: 'city', key: 'city', optional: true },
  { column: 'nir', key: 'nir', optional: true, masked: true },
  { column: 'caf_number', key: 'cafNumber', optional: true },
  { column: 'france_travail_id', key: 'franceTravailId', optional: true },
  { column: 'rights', key: 'rights', optional: true },
  { column: 'rights_and_duties', key: 'rightsAndDuties', optional: true, keepWhenEmpty: true },
];

function fieldsOf(present: ReadonlySet<string>): FieldRule[] {
  return FIELDS.filter((field) => !field.optional || present.has(field.column));
}

/** The value a field takes: the file's, or the current one when an empty cell keeps it. */
function newValue(field: FieldRule): string {
  return field.keepWhenEmpty
    ? `COALESCE(s.${field.column}, p.${field.column})`
    : `s.${field.column}`;
}

/** The JSON the timeline shows of a value: masked fields say only whether there is one. */
function shown(field: FieldRule, value: string): string {
  return field.masked
    ? `CASE WHEN ${value} IS NULL THEN NULL ELSE to_jsonb('(masqué)'::text) END`
    : `to_jsonb(${value})`;
}

/** The search name: family, given and birth names, the birth name kept when the file has none. */
function searchNameOf(present: ReadonlySet<string>): string {
  return present.has('birth_name')
    ? 's.search_name'
    : `s.identity_key || COALESCE(' ' || NULLIF(substr(p.search_name, length(p.identity_key) + 2), ''), '')`;
}

/** The people's table, written through its owner; the kinds are plain objects, built outside Nest. */
const people = new PersonImportRepository();

/** The import reads the territory's people for the system, on the admin's request. */
const scope = systemScope('import');

function problemsFrom(rows: readonly PersonImportProblemRow[]): ImportProblem[] {
  return rows.map((row) => ({ line: row.line, column: row.column, message: row.message }));
}

const KEYS = [
  { column: 'nir', message: 'another person of the territory already has this NIR' },
  { column: 'caf_number', message: 'another person of the territory already has this CAF number' },
  {
    column: 'france_travail_id',
    message: 'another person of the territory already has this France Travail identifier',
  },
] as const;

/** People (personnes accompagnées), upserted on their identifier in the département's software. */
export const peopleImport: ImportKindDefinition = {
  kind: ImportKind.PEOPLE,
  columns,
  staging,
  parseRow({ line, values }, { now }) {
    const { problems, cell, raw } = rowReader(line, values);
    const externalId = cell('external_id', text(raw('external_id'), 64), true);
    const familyName = cell('family_name', text(raw('family_name'), 100), true);
    const givenName = cell('given_name', text(raw('given_name'), 100), true);
    const birthName = cell('birth_name', text(raw('birth_name'), 100));
    const birth = cell('birth_date', birthDate(raw('birth_date'), now), true);
    const gender = cell('gender', oneOf(raw('gender'), GENDERS, 'a sex (F or M)'));
    const birthplace = cell(
      'birthplace',
      matching(
        raw('birthplace').toUpperCase(),
        /^(\d{5}|2[AB]\d{3})$/,
        'the INSEE code of a town (5 characters, not the postal code)',
      ),
    );
    const birthCountry = cell(
      'birth_country',
      matching(raw('birth_country'), /^99\d{3}$/, 'the INSEE code of a country (99 and 3 digits)'),
    );
    const mail = cell('email', email(raw('email')));
    const phoneNumber = cell('phone', phone(raw('phone')));
    const addressLine = cell('address_line', text(raw('address_line'), 200));
    const postal = cell('postal_code', postalCode(raw('postal_code')));
    const city = cell('city', text(raw('city'), 100));
    const nirRaw = raw('nir');
    const nir = cell(
      'nir',
      !nirRaw || isValidNir(nirRaw)
        ? { ok: true, value: nirRaw ? normalizeNir(nirRaw) : null }
        : { ok: false, message: 'is not a NIR of 15 characters with a matching key' },
    );
    const caf = cell(
      'caf_number',
      matching(raw('caf_number'), /^\d{7}$/, 'a CAF number of 7 digits'),
    );
    const franceTravail = cell(
      'france_travail_id',
      matching(
        raw('france_travail_id'),
        /^\d{7}[0-9A-Za-z]$/,
        'a France Travail identifier (7 digits and a digit or letter)',
      ),
    );
    const rights = cell('rights', rightsOf(raw('rights')));
    const rightsAndDuties = cell('rights_and_duties', yesNo(raw('rights_and_duties')));
    if (problems.length > 0 || !externalId || !familyName || !givenName || !birth) {
      return { values: null, problems };
    }
    const identityKey = searchText(familyName, givenName);
    if (!identityKey) {
      return {
        values: null,
        problems: [
          { line, column: 'family_name', message: 'family_name and given_name hold no letter' },
        ],
      };
    }
    return {
      problems,
      values: [
        externalId,
        givenName,
        familyName,
        birthName,
        birth,
        gender,
        birthplace,
        birthCountry,
        mail,
        phoneNumber,
        addressLine,
        postal,
        city,
        nir,
        caf,
        franceTravail?.toUpperCase() ?? null,
        rights === null ? null : `{${rights.join(',')}}`,
        rightsAndDuties === null ? null : String(rightsAndDuties),
        searchText(familyName, givenName, birthName),
        identityKey,
      ],
    };
  },

  async check({ runner, territoryId }) {
    await runner.query(
      `ALTER TABLE import_stage ADD COLUMN target_id uuid, ADD COLUMN skip boolean NOT NULL DEFAULT false`,
    );
    const errors: ImportProblem[] = [];
    for (const [key, column, what] of [
      ['external_id', 'external_id', 'This identifier is'],
      ['nir', 'nir', 'This NIR is'],
      ['caf_number', 'caf_number', 'This CAF number is'],
      ['france_travail_id', 'france_travail_id', 'This France Travail identifier is'],
      ['identity_key, birth_date', 'family_name', 'The same name and birth date are'],
    ] as const) {
      errors.push(...(await problemsOf(runner, duplicateProblems(key, column, what))));
    }
    await people.matchByExternalId(scope, runner, territoryId);
    // A person created in Relais (no identifier yet) is taken over when one of their keys matches.
    errors.push(...problemsFrom(await people.adoptByKeys(scope, runner, territoryId)));
    for (const key of KEYS) {
      errors.push(
        ...problemsFrom(
          await people.keyConflicts(scope, runner, territoryId, key.column, key.message),
        ),
      );
    }
    errors.push(...problemsFrom(await people.nameConflicts(scope, runner, territoryId)));
    const warnings = problemsFrom(await people.skipReadOnly(scope, runner));
    return { errors, warnings };
  },

  async plan(context) {
    await createChanges(context);
    return countsOf(context);
  },

  async apply(context) {
    const { runner, territoryId, present, actor } = context;
    await createChanges(context);
    const counts = await countsOf(context);
    const sets = fieldsOf(present).map((field) => `${field.column} = ${newValue(field)}`);
    await people.updateChanged(runner, sets.join(', '), searchNameOf(present));
    await people.appendChangeEvents(runner, actor);
    await people.insertNew(runner, territoryId, actor);
    return counts;
  },
};

/** The rows that change an existing person, with the timeline's before and after. */
async function createChanges({ runner, present }: MergeContext): Promise<void> {
  const values = fieldsOf(present)
    .map((field) => {
      const next = newValue(field);
      return `('${field.key}', ${shown(field, `p.${field.column}`)}, ${shown(field, next)}, p.${field.column} IS DISTINCT FROM ${next})`;
    })
    .join(',\n ');
  await people.stageChanges(scope, runner, values);
}

async function countsOf({ runner }: MergeContext): Promise<ImportCounts> {
  const [row] = await runner.manager.query<
    { created: number; updated: number; unchanged: number; skipped: number }[]
  >(
    `SELECT count(*) FILTER (WHERE s.target_id IS NULL AND NOT s.skip)::int AS created,
            count(c.line)::int AS updated,
            count(*) FILTER (WHERE s.target_id IS NOT NULL AND NOT s.skip AND c.line IS NULL)::int AS unchanged,
            count(*) FILTER (WHERE s.skip)::int AS skipped
       FROM import_stage s LEFT JOIN import_changes c ON c.line = s.line`,
  );
  return row;
}
