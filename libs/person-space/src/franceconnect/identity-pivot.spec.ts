import { Gender, type PersonBirthIdentity } from '@relais/pathways';
import {
  fileMatchesPivot,
  type IdentityPivot,
  identityPivotOf,
  normalizedName,
} from './identity-pivot.js';

const claims = {
  sub: 'fc-sub',
  family_name: 'Dupont-Lefèvre',
  given_name: 'Angèle Marie',
  birthdate: '1985-03-12',
  gender: 'female',
  birthplace: '75056',
  birthcountry: '99100',
};

const pivot = identityPivotOf(claims) as IdentityPivot;

const file: PersonBirthIdentity = {
  id: 'file-1',
  givenName: 'angele  marie',
  familyName: 'Martin',
  birthName: 'DUPONT LEFEVRE',
  birthDate: '1985-03-12',
  gender: Gender.FEMALE,
  birthplace: '75056',
  birthCountry: '99100',
};

describe('normalizedName', () => {
  it.each([
    ['Jean-François', 'jean francois'],
    ['  ÉLODIE   Anne ', 'elodie anne'],
    ['D’Œuf', 'd oeuf'],
    ["N'Diaye", 'n diaye'],
    ['Lætitia', 'laetitia'],
    ['Zoë—Ana', 'zoe ana'],
  ])('%j → %j', (name, expected) => {
    expect(normalizedName(name)).toBe(expected);
  });

  it('keeps every letter: one letter apart stays apart', () => {
    expect(normalizedName('Dupont')).not.toBe(normalizedName('Dupond'));
  });
});

describe('identityPivotOf', () => {
  it('reads the pivot, a town of birth for a person born in France', () => {
    expect(pivot).toEqual({
      familyName: 'Dupont-Lefèvre',
      givenNames: 'Angèle Marie',
      birthDate: '1985-03-12',
      gender: Gender.FEMALE,
      birthplace: '75056',
      birthCountry: '99100',
    });
  });

  it('reads a birth abroad: no town, the country', () => {
    expect(
      identityPivotOf({ ...claims, gender: 'male', birthplace: '', birthcountry: '99350' }),
    ).toMatchObject({ gender: Gender.MALE, birthplace: null, birthCountry: '99350' });
  });

  it.each([
    ['no family name', { family_name: '' }],
    ['no given name', { given_name: undefined }],
    ['a birth date known by its year', { birthdate: '1985-00-00' }],
    ['an unknown gender', { gender: 'other' }],
    ['no country', { birthcountry: undefined }],
    ['a country that is no COG code', { birthcountry: 'FR' }],
    ['born in France without a town', { birthplace: '' }],
    ['a town that is no COG code', { birthplace: 'Paris' }],
  ])('refuses %s', (_what, change) => {
    expect(identityPivotOf({ ...claims, ...change })).toBeUndefined();
  });
});

describe('fileMatchesPivot', () => {
  it('matches the same identity, written with other case, accents, hyphens and spaces', () => {
    expect(fileMatchesPivot(file, pivot)).toBe(true);
  });

  it('takes the family name when the file has no birth name', () => {
    expect(
      fileMatchesPivot({ ...file, birthName: null, familyName: 'Dupont Lefevre' }, pivot),
    ).toBe(true);
    expect(fileMatchesPivot({ ...file, birthName: null }, pivot)).toBe(false);
  });

  it('matches a Corsican town code whatever its case', () => {
    const corsican = identityPivotOf({ ...claims, birthplace: '2a004' }) as IdentityPivot;
    expect(fileMatchesPivot({ ...file, birthplace: '2A004' }, corsican)).toBe(true);
  });

  it.each([
    ['one letter of the name', { birthName: 'Dupond-Lefèvre' }],
    ['one given name missing', { givenName: 'Angèle' }],
    ['another birth date', { birthDate: '1985-03-13' }],
    ['another gender', { gender: Gender.MALE }],
    ['no gender', { gender: null }],
    ['another town of birth', { birthplace: '69123' }],
    ['no town of birth', { birthplace: null }],
  ])('refuses a near match: %s', (_what, change) => {
    expect(fileMatchesPivot({ ...file, ...change }, pivot)).toBe(false);
  });

  it('compares the country for a person born abroad, and not the town', () => {
    const abroad = identityPivotOf({
      ...claims,
      birthplace: '',
      birthcountry: '99350',
    }) as IdentityPivot;
    expect(fileMatchesPivot({ ...file, birthplace: null, birthCountry: '99350' }, abroad)).toBe(
      true,
    );
    expect(fileMatchesPivot({ ...file, birthplace: null, birthCountry: '99351' }, abroad)).toBe(
      false,
    );
    expect(fileMatchesPivot({ ...file, birthCountry: null }, abroad)).toBe(false);
  });
});
