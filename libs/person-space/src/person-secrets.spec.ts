import {
  linkTokenHash,
  newLinkToken,
  newSignInCode,
  sameHash,
  signInCodeHash,
} from './person-secrets.js';

describe('the personal space’s secrets', () => {
  it('draws link tokens of 256 bits, kept as their SHA-256 only', () => {
    const token = newLinkToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newLinkToken()).not.toBe(token);
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkTokenHash(token)).not.toContain(token);
  });

  it('draws six-digit codes, leading zeros kept', () => {
    const codes = Array.from({ length: 200 }, () => newSignInCode());
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('hashes a code with the server’s key and its challenge: neither alone matches', () => {
    const hash = signInCodeHash('key-one', 'challenge-1', '042917');
    expect(sameHash(hash, signInCodeHash('key-one', 'challenge-1', '042917'))).toBe(true);
    expect(sameHash(hash, signInCodeHash('key-two', 'challenge-1', '042917'))).toBe(false);
    expect(sameHash(hash, signInCodeHash('key-one', 'challenge-2', '042917'))).toBe(false);
    expect(sameHash(hash, signInCodeHash('key-one', 'challenge-1', '042918'))).toBe(false);
    expect(sameHash(hash, 'abcd')).toBe(false);
  });
});
