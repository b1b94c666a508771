import { isValidSiret } from './siret.js';
import { isTerritoryCode, TERRITORY_CODES } from './territory-codes.js';

describe('isValidSiret', () => {
  it.each(['73282932000074', '26440109500015', '35600000000048'])('accepts %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['a wrong check digit', '73282932000075'],
    ['13 digits', '7328293200007'],
    ['letters', '7328293200007A'],
    ['spaces', '732 829 320 00074'],
  ])('refuses %s', (_case, siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });

  it("applies La Poste's own rule to its establishments (digits summing to a multiple of 5)", () => {
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });
});

describe('territory codes', () => {
  it('are those DOMAIN.md names: 01..95 with 2A and 2B for 20, and 971..976', () => {
    expect(TERRITORY_CODES).toHaveLength(102);
    expect(['01', '2A', '2B', '44', '95', '971', '976'].every(isTerritoryCode)).toBe(true);
    expect(['20', '96', '977', '4', 'XX'].some(isTerritoryCode)).toBe(false);
  });
});
