import { oauthClientId, refreshTokenHash, signInEmail } from './rate-limit-subjects.js';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('rate-limit subjects', () => {
  it('keys a sign-in by its email, trimmed and in lower case', () => {
    expect(signInEmail({ headers: {}, body: { email: '  Camille.Martin@Example.TEST ' } })).toBe(
      'email:camille.martin@example.test',
    );
    expect(signInEmail({ headers: {}, body: { email: 42 } })).toBeUndefined();
    expect(signInEmail({ headers: {}, body: undefined })).toBeUndefined();
  });

  it('keys a refresh by the token’s hash, from the body or else the relais_refresh cookie', () => {
    const token = 'a-refresh-token-of-some-length-0123456789';
    const fromBody = refreshTokenHash({ headers: {}, body: { refreshToken: token } });
    expect(fromBody).toMatch(/^refresh:[\w-]{43}$/);
    expect(fromBody).not.toContain(token);
    expect(
      refreshTokenHash({ headers: { cookie: `theme=dark; relais_refresh=${token}` }, body: {} }),
    ).toBe(fromBody);
    expect(
      refreshTokenHash({
        headers: { cookie: 'relais_refresh=another-token-0123456789' },
        body: { refreshToken: token },
      }),
    ).toBe(fromBody);
    expect(refreshTokenHash({ headers: { cookie: 'relais_refresh_old=x' }, body: {} })).toBe(
      undefined,
    );
    expect(refreshTokenHash({ headers: {}, body: {} })).toBeUndefined();
  });

  it('keys a token request by its client id, from HTTP Basic first, else the form', () => {
    expect(
      oauthClientId({
        headers: { authorization: basic('client%201:secret') },
        body: { client_id: 'ignored' },
      }),
    ).toBe('client:client 1');
    expect(oauthClientId({ headers: {}, body: { client_id: 'client-2' } })).toBe('client:client-2');
    expect(
      oauthClientId({ headers: { authorization: basic('%E0%A4%A:secret') }, body: {} }),
    ).toBeUndefined();
    expect(oauthClientId({ headers: { authorization: 'Bearer x' }, body: {} })).toBeUndefined();
  });
});
