import { jest } from '@jest/globals';
import { type AppConfig, DomainError } from '@relais/core';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './access-token.service.js';

const config = {
  authTokenSecret: 'a-secret-of-at-least-thirty-two-characters!',
  accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
} as AppConfig;

describe('AccessTokenService', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('accepts its own token again and again, and refuses it once expired even if seen before', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T08:00:00Z') });
    const tokens = new AccessTokenService(config);
    const token = await tokens.issue({ accountId: 'account-1', sessionId: 'session-1' });
    const claims = { kind: 'account', accountId: 'account-1', sessionId: 'session-1' };
    await expect(tokens.verifyAny(token)).resolves.toEqual(claims);
    await expect(tokens.verifyAny(token)).resolves.toEqual(claims);

    jest.setSystemTime(Date.now() + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    const refused = await tokens.verifyAny(token).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).message).toBe('Your access token has expired: refresh it.');
  });

  it('refuses a token signed with another secret, and a tampered one after the genuine was seen', async () => {
    const tokens = new AccessTokenService(config);
    const other = new AccessTokenService({
      ...config,
      authTokenSecret: 'another-secret-of-at-least-thirty-two-chars',
    });
    const forged = await other.issue({ accountId: 'account-1', sessionId: 'session-1' });
    await expect(tokens.verifyAny(forged)).rejects.toThrow('Your access token is not valid');

    const genuine = await tokens.issue({ accountId: 'account-1', sessionId: 'session-1' });
    await tokens.verifyAny(genuine);
    const [header, , signature] = genuine.split('.');
    const payload = Buffer.from(
      JSON.stringify({ sid: 'session-2', sub: 'account-2', iss: 'relais', aud: 'relais-api' }),
    ).toString('base64url');
    await expect(tokens.verifyAny(`${header}.${payload}.${signature}`)).rejects.toThrow(
      'Your access token is not valid',
    );
  });
});
