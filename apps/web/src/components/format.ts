/**
 * French dates and names, written once for every screen. Two styles coexist on purpose: the
 * admin and handover screens spell the month ("3 mars 2026"), the person's file writes dates
 * short ("03/03/2026"), as case files do.
 */

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const LONG_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as "3 mars 2026". */
export function formatLongDate(iso: string): string {
  return LONG_DATE.format(new Date(iso));
}

/** An instant as "3 mars 2026 à 09:30". */
export function formatLongDateTime(iso: string): string {
  return LONG_DATE_TIME.format(new Date(iso));
}

/** `YYYY-MM-DD` or a date-time, as a short French date ("27/08/1980"); nothing as ''. */
export function formatShortDate(value: string | null | undefined): string {
  if (!value) return '';
  // A bare date is a calendar day: read at noon so no time zone moves it to the day before.
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00` : value);
  return date.toLocaleDateString('fr-FR');
}

/** A date-time as "03/03/2026 09:30"; nothing as ''. */
export function formatShortDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString('fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
}

/** "Prénom Nom", as the screens name people and accounts. */
export function personName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}
