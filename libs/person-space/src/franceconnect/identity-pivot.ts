import { Gender, type PersonBirthIdentity } from '@relais/pathways';

/** FranceConnect's identity pivot: the civil registry's identity of the person signing in. */
export interface IdentityPivot {
  /** `family_name`: the birth name. */
  readonly familyName: string;
  /** `given_name`: every given name of the civil registry, separated by spaces. */
  readonly givenNames: string;
  /** `birthdate`, YYYY-MM-DD. */
  readonly birthDate: string;
  readonly gender: Gender;
  /** `birthplace`: the INSEE (COG) code of the town of birth; null when born abroad. */
  readonly birthplace: string | null;
  /** `birthcountry`: the INSEE (COG) code of the country of birth, 99100 for France. */
  readonly birthCountry: string;
}

/** The COG code of France among the countries of birth. */
export const FRANCE_COG = '99100';

const BIRTH_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TOWN_COG = /^(\d{5}|2[AB]\d{3})$/;
const COUNTRY_COG = /^99\d{3}$/;
const NAME_MAX = 200;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && value.length <= NAME_MAX
    ? value.trim()
    : undefined;
}

/**
 * The pivot from the provider's claims, or undefined when one is missing or malformed (a birth
 * date known only by its year, `1980-00-00`, cannot match a file's date either).
 */
export function identityPivotOf(
  claims: Readonly<Record<string, unknown>>,
): IdentityPivot | undefined {
  const familyName = text(claims.family_name);
  const givenNames = text(claims.given_name);
  const birthDate = text(claims.birthdate);
  const gender =
    claims.gender === 'female' ? Gender.FEMALE : claims.gender === 'male' ? Gender.MALE : undefined;
  const birthCountry = text(claims.birthcountry);
  const birthplace = text(claims.birthplace)?.toUpperCase() ?? null;
  if (
    !familyName ||
    !givenNames ||
    !birthDate ||
    !BIRTH_DATE.test(birthDate) ||
    !gender ||
    !birthCountry ||
    !COUNTRY_COG.test(birthCountry) ||
    (birthCountry === FRANCE_COG ? !birthplace || !TOWN_COG.test(birthplace) : false)
  ) {
    return undefined;
  }
  return {
    familyName,
    givenNames,
    birthDate,
    gender,
    birthplace: birthCountry === FRANCE_COG ? birthplace : null,
    birthCountry,
  };
}

/**
 * A name as the matching compares it: lower case, without accents (NFD, combining marks
 * dropped), ligatures spelt out, hyphens and apostrophes as spaces, runs of spaces as one,
 * trimmed. "Jean-François  D’Œuf" and "jean francois d oeuf" compare equal; any other
 * difference, one letter included, does not (ADR 0028).
 */
export function normalizedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[\s\-‐‑‒–—'’ʼ`´]+/g, ' ')
    .trim();
}

/**
 * Whether a file holds exactly the pivot's identity: birth name (the family name when the file
 * has no birth name), given names, birth date, sex, and town of birth (country of birth for a
 * person born abroad). A file missing one of these never matches.
 */
export function fileMatchesPivot(file: PersonBirthIdentity, pivot: IdentityPivot): boolean {
  const fileName = file.birthName ?? file.familyName;
  const samePlace =
    pivot.birthCountry === FRANCE_COG
      ? file.birthplace !== null && file.birthplace.toUpperCase() === pivot.birthplace
      : file.birthCountry === pivot.birthCountry;
  return (
    file.birthDate === pivot.birthDate &&
    file.gender === pivot.gender &&
    samePlace &&
    normalizedName(fileName) === normalizedName(pivot.familyName) &&
    normalizedName(file.givenName) === normalizedName(pivot.givenNames)
  );
}
