// The caseload as a CSV file for a spreadsheet: French headers, `;` (the list separator of a
// French Excel), CRLF, UTF-8 with a byte-order mark so Excel reads the accents.
import { ContractType, OrientationType, TeamRole } from '@relais/pathways';
import type { CaseloadEntry } from '@relais/read-models';
import { stringify } from 'csv-stringify/sync';

const ROLE: Record<TeamRole, string> = {
  [TeamRole.REFERENT]: 'Référent unique',
  [TeamRole.FOLLOWER]: 'Membre de l’équipe',
};
const ORIENTATION: Record<OrientationType, string> = {
  [OrientationType.SOCIAL]: 'Sociale',
  [OrientationType.SOCIO_PROFESSIONAL]: 'Socio-professionnelle',
  [OrientationType.PROFESSIONAL]: 'Professionnelle',
};
const CONTRACT: Record<ContractType, string> = {
  [ContractType.CER]: 'CER',
  [ContractType.PPAE]: 'PPAE',
  [ContractType.CEJ]: 'CEJ',
  [ContractType.PACEA]: 'PACEA',
  [ContractType.CONTRAT_ENGAGEMENT]: 'Contrat d’engagement',
};

/** The columns, in order: header and value. */
const COLUMNS: readonly [string, (entry: CaseloadEntry) => string][] = [
  ['Nom', (e) => e.summary.familyName],
  ['Prénom', (e) => e.summary.givenName],
  ['Année de naissance', (e) => String(e.summary.birthYear)],
  ['Mon rôle', (e) => ROLE[e.myRole]],
  ['Référent unique', (e) => e.referentName ?? ''],
  ['Structure du référent', (e) => e.summary.referentStructure?.name ?? ''],
  ['Orientation', (e) => (e.orientationType ? ORIENTATION[e.orientationType] : '')],
  ['Contrat', (e) => (e.contractType ? CONTRACT[e.contractType] : '')],
  ['Fin du contrat', (e) => frenchDate(e.contractEndsOn)],
  ['Actions en retard', (e) => String(e.overdueActions)],
  ['Passage de relais en cours', (e) => (e.openHandover ? 'Oui' : 'Non')],
  ['Prochain rendez-vous', (e) => frenchDateTime(e.nextAppointmentAt)],
  ['Objectifs en cours', (e) => String(e.openGoals)],
  ['Dernière activité', (e) => frenchDate(e.lastActivityAt)],
];

export const CASELOAD_CSV_HEADERS = COLUMNS.map(([header]) => header);

const PARIS_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
});
const PARIS_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** `2026-12-31` or a Date as `31/12/2026` (the day in Paris). */
function frenchDate(value: string | Date | null): string {
  if (!value) return '';
  if (typeof value === 'string') return value.split('-').reverse().join('/');
  return PARIS_DATE.format(value);
}

function frenchDateTime(value: Date | null): string {
  return value ? PARIS_DATE_TIME.format(value) : '';
}

/**
 * csv-stringify's options: `;`, CRLF, RFC 4180 quoting (a cell with `;`, a quote or any line
 * break is quoted, quotes doubled), and a cell a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) gets an apostrophe first (OWASP "CSV injection").
 */
const FORMAT = {
  delimiter: ';',
  record_delimiter: 'windows',
  escape_formulas: true,
  quoted_match: /[\r\n]/,
} as const;

/** The whole file: BOM, header line, one line per person. */
export function caseloadCsv(entries: readonly CaseloadEntry[]): string {
  return stringify(
    [CASELOAD_CSV_HEADERS, ...entries.map((entry) => COLUMNS.map(([, value]) => value(entry)))],
    { ...FORMAT, bom: true },
  );
}

/** One cell as the file writes it. */
export function csvCell(value: string): string {
  return stringify([[value]], { ...FORMAT, eof: false });
}
