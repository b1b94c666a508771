/**
 * A people CSV file as a département's software exports it (docs/imports/people.csv), for the
 * import scenario: French headers, `;` separated, UTF-8, dates JJ/MM/AAAA. Deterministic: the
 * same seed and count give the same bytes on every machine and every day (ages are drawn against
 * a fixed reference day, not today). Names come from the bench data's generator
 * (seed/people.mjs, seed/vocabulary.mjs, seed/prng.mjs): the same mix of origins and the same
 * long tail of family names, with unique (names, birth date) pairs as the database requires.
 */
import { mixSeed, Random } from '../seed/prng.mjs';
import { PeopleGenerator } from '../seed/people.mjs';
import {
  LARGE_TERRITORIES,
  MAIN_TERRITORY,
  SMALL_TERRITORIES,
  STREETS,
} from '../seed/vocabulary.mjs';

export const PEOPLE_CSV_HEADER = [
  'identifiant',
  'nom',
  'prénom',
  'date de naissance',
  'téléphone',
  'adresse',
  'code postal',
  'commune',
  'numéro allocataire',
  'droits',
  'droits et devoirs',
];

/** Ages are drawn against this day, so the file does not change from one day to the next. */
const REFERENCE_DAY = Date.UTC(2026, 0, 1);
const TOWNS = [MAIN_TERRITORY, ...SMALL_TERRITORIES, ...LARGE_TERRITORIES].flatMap(
  (territory) => territory.towns,
);
const PROFILES = ['RSA_SOCIAL', 'RSA_SOCIO_PRO', 'RSA_PRO', 'JOBSEEKER', 'YOUTH', 'RSA_NEW'];
const RIGHTS = [
  ['RSA', 70],
  ['RSA|RQTH', 5],
  ['ARE', 10],
  ['ASS', 4],
  ['AAH', 4],
  ['AAH|RQTH', 2],
  ['', 5],
];
const RIGHTS_TOTAL = RIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function cell(value) {
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function frenchDate(iso) {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

function phoneNumber(random) {
  const pairs = Array.from({ length: 4 }, () => random.digits(2));
  return `0${random.pick(['6', '7', '6', '1', '3'])} ${pairs.join(' ')}`;
}

/** The same number with its last digit moved: always a different phone once normalized. */
export function otherPhone(phone) {
  if (!phone) return '06 00 00 00 01';
  const last = Number(phone.at(-1));
  return `${phone.slice(0, -1)}${(last + 1) % 10}`;
}

/**
 * `count` people: rows of cells in PEOPLE_CSV_HEADER's order. `prefix` starts every identifier
 * (`<prefix>-000001`...): two files of different prefixes share no identifier. `searchText` is
 * the API's name normalization (seed/database.mjs loadSearchText), by which names are unique.
 */
export function generatePeople({ count, seed, prefix, searchText }) {
  const generator = new PeopleGenerator(
    { code: '00', towns: TOWNS },
    { seed, territoryIndex: 0x1a9, today: REFERENCE_DAY, searchText, sink: null, stats: null },
  );
  const random = new Random(mixSeed(seed, 0x1a9, 0xc5f));
  const cafNumbers = new Set();
  const rows = [];
  for (let index = 0; index < count; index += 1) {
    const identity = generator.identity(random.pick(PROFILES));
    let caf;
    do caf = random.digits(7);
    while (cafNumbers.has(caf));
    cafNumbers.add(caf);
    let roll = random.next() * RIGHTS_TOTAL;
    let rights = '';
    for (const [value, weight] of RIGHTS) {
      roll -= weight;
      if (roll < 0) {
        rights = value;
        break;
      }
    }
    const [city, postalCode] = random.pick(TOWNS);
    rows.push([
      `${prefix}-${String(index + 1).padStart(6, '0')}`,
      identity.familyName,
      identity.givenName,
      frenchDate(identity.birthDate),
      random.chance(0.85) ? phoneNumber(random) : '',
      random.chance(0.95) ? `${random.int(1, 180)} ${random.pick(STREETS)}` : '',
      postalCode,
      city,
      caf,
      rights,
      rights.startsWith('RSA') ? 'oui' : 'non',
    ]);
  }
  return rows;
}

/** Phone column of PEOPLE_CSV_HEADER. */
export const PHONE = PEOPLE_CSV_HEADER.indexOf('téléphone');

/** The CSV text of rows (header first, `;`, CRLF as spreadsheets write it). */
export function peopleCsv(rows) {
  const lines = [PEOPLE_CSV_HEADER.join(';')];
  for (const row of rows) lines.push(row.map(cell).join(';'));
  return `${lines.join('\r\n')}\r\n`;
}
