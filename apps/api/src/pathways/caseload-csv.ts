// The caseload as a CSV file for a spreadsheet: French headers, `;` (the list separator of a
// French Excel), CRLF, UTF-8 with a byte-order mark so Excel reads the accents.
import { ContractType, OrientationType, TeamRole } from '@relais/pathways';
import type { CaseloadEntry } from '@relais/read-models';

const BOM = '\uFEFF';

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
 * One cell, RFC 4180: quoted when it holds the separator, a quote or a line break, quotes
 * doubled. A cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
 * with an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, header line, one line per person, CRLF. */
export function caseloadCsv(entries: readonly CaseloadEntry[]): string {
  const lines = [
    CASELOAD_CSV_HEADERS,
    ...entries.map((entry) => COLUMNS.map(([, value]) => value(entry))),
  ].map((cells) => cells.map(csvCell).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
