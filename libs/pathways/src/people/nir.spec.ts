import { describe, expect, it } from '@jest/globals';
import { isValidNir, normalizeNir } from './nir.js';

function withKey(body: string): string {
  const numeric = body.replace('2A', '19').replace('2B', '18');
  return body + String(97 - Number(BigInt(numeric) % 97n)).padStart(2, '0');
}

describe('isValidNir', () => {
  it('accepts a NIR whose key matches', () => {
    expect(isValidNir(withKey('1850578006084'))).toBe(true);
  });

  it('accepts spaces as people write them', () => {
    const nir = withKey('2900744109123');
    expect(
      isValidNir(`${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5)}`),
    ).toBe(true);
  });

  it('computes the key of Corsican NIRs with 19 and 18 for 2A and 2B', () => {
    expect(isValidNir(withKey('176052A123456'))).toBe(true);
    expect(isValidNir(withKey('176052B123456'))).toBe(true);
  });

  it('refuses a wrong key, a wrong length, letters and a sex digit other than 1 or 2', () => {
    const nir = withKey('1850578006084');
    const wrongKey = nir.slice(0, 13) + String((Number(nir.slice(13)) % 97) + 1).padStart(2, '0');
    expect(isValidNir(wrongKey)).toBe(false);
    expect(isValidNir(nir.slice(0, 14))).toBe(false);
    expect(isValidNir('18505780060XX12')).toBe(false);
    expect(isValidNir(withKey('3850578006084'))).toBe(false);
  });

  it('normalizes to upper case without spaces', () => {
    expect(normalizeNir('1 76 05 2a 123 456 12')).toBe('176052A12345612');
  });
});
