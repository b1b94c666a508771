import {
  describeWithoutPersonalData,
  scrubDeep,
  scrubText,
  withoutQuery,
} from './personal-data.js';

describe('personal data in reports', () => {
  it('masks emails and NIR-shaped numbers, with or without spaces, and keeps the rest', () => {
    expect(scrubText('refused léa.dupre+x@example.fr for 2 88 04 75 123 456 78 at 14:03')).toBe(
      'refused [email] for [nir] at 14:03',
    );
    expect(scrubText('nir 188042A12345678 and 288047512345678')).toBe('nir [nir] and [nir]');
    expect(scrubText('order 12 of 3, id 7f3a9c21-0000, 2026-12-07')).toBe(
      'order 12 of 3, id 7f3a9c21-0000, 2026-12-07',
    );
  });

  it('walks objects and arrays', () => {
    expect(scrubDeep({ a: ['x@y.org', 3], b: { c: '188042A12345678' } })).toEqual({
      a: ['[email]', 3],
      b: { c: '[nir]' },
    });
  });

  it('drops query strings', () => {
    expect(withoutQuery('/auth/oidc/callback?code=abc&state=x')).toBe('/auth/oidc/callback');
    expect(withoutQuery('https://h/p#frag')).toBe('https://h/p');
  });

  it('tells a database error by its SQLSTATE, never by its message', () => {
    const error = Object.assign(new Error('refused Jeanne Martin'), { code: 'P0001' });
    expect(describeWithoutPersonalData(error).message).toBe(
      'database error P0001 (its message is withheld: it can quote values)',
    );
  });
});
