import { jest } from '@jest/globals';
import { LOGIN_ATTEMPT_TTL_SECONDS, LoginAttemptSeal } from './login-attempt.js';

const attempt = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' };
const secret = 'a-secret-of-forty-characters-or-more-000';

describe('LoginAttemptSeal', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('opens what it sealed, and hides the PKCE verifier from the browser', async () => {
    const seal = new LoginAttemptSeal(secret);
    const sealed = await seal.seal(attempt);
    expect(sealed).not.toContain('verifier-1');
    expect(Buffer.from(sealed.split('.')[0] ?? '', 'base64url').toString()).not.toContain(
      'verifier',
    );
    await expect(seal.open(sealed)).resolves.toEqual(attempt);
  });

  it('refuses a missing, altered or foreign value', async () => {
    const seal = new LoginAttemptSeal(secret);
    const sealed = await seal.seal(attempt);
    const parts = sealed.split('.');
    const ciphertext = parts[3] ?? '';
    const flipped = `${ciphertext.startsWith('A') ? 'B' : 'A'}${ciphertext.slice(1)}`;
    const tampered = [...parts.slice(0, 3), flipped, parts[4]].join('.');
    await expect(seal.open(undefined)).resolves.toBeUndefined();
    await expect(seal.open('not a token')).resolves.toBeUndefined();
    await expect(seal.open(tampered)).resolves.toBeUndefined();
    await expect(new LoginAttemptSeal(`${secret}-other`).open(sealed)).resolves.toBeUndefined();
  });

  it('refuses an attempt older than its lifetime', async () => {
    const seal = new LoginAttemptSeal(secret);
    const sealed = await seal.seal(attempt);
    jest.useFakeTimers({ now: Date.now() + (LOGIN_ATTEMPT_TTL_SECONDS + 60) * 1000 });
    await expect(seal.open(sealed)).resolves.toBeUndefined();
  });
});
