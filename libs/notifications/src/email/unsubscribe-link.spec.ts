import {
  isConfigurableEmailCategory,
  makeUnsubscribeToken,
  readUnsubscribeToken,
  unsubscribeUrl,
} from './unsubscribe-link.js';

const SECRET = 'a test secret of at least thirty-two characters';
const ACCOUNT = '0b8f3c4e-2d0a-4c1e-9a55-7f1f8e0d6a21';

describe('unsubscribe links', () => {
  it('reads back the account and category it was made for', () => {
    const token = makeUnsubscribeToken(SECRET, ACCOUNT, 'HANDOVERS');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(readUnsubscribeToken(SECRET, token)).toEqual({
      accountId: ACCOUNT,
      category: 'HANDOVERS',
    });
  });

  it('refuses any changed character, another secret, another category and garbage', () => {
    const token = makeUnsubscribeToken(SECRET, ACCOUNT, 'DIGEST');
    for (let index = 0; index < token.length; index += 1) {
      if (token[index] === '.') continue;
      const changed = `${token.slice(0, index)}${token[index] === 'A' ? 'B' : 'A'}${token.slice(index + 1)}`;
      expect(readUnsubscribeToken(SECRET, changed)).toBeNull();
    }
    expect(readUnsubscribeToken('another secret entirely, also long enough', token)).toBeNull();
    const signature = token.split('.')[1];
    const otherCategory = `${Buffer.from(`${ACCOUNT}:CASELOAD`).toString('base64url')}.${signature}`;
    expect(readUnsubscribeToken(SECRET, otherCategory)).toBeNull();
    // Even correctly signed, INVITATION is not a category one leaves.
    const payload = Buffer.from(`${ACCOUNT}:INVITATION`).toString('base64url');
    expect(readUnsubscribeToken(SECRET, `${payload}.${signature}`)).toBeNull();
    for (const garbage of ['', '.', 'a.b.c', 'abc', '!!.??']) {
      expect(readUnsubscribeToken(SECRET, garbage)).toBeNull();
    }
  });

  it('builds the address under PUBLIC_URL', () => {
    const url = new URL(
      unsubscribeUrl(
        { publicUrl: 'https://relais.example.gouv.fr', authTokenSecret: SECRET },
        ACCOUNT,
        'CASELOAD',
      ),
    );
    expect(url.origin + url.pathname).toBe('https://relais.example.gouv.fr/email/unsubscribe');
    expect(readUnsubscribeToken(SECRET, url.searchParams.get('token')!)).toMatchObject({
      category: 'CASELOAD',
    });
  });

  it('knows which categories are configurable', () => {
    expect(isConfigurableEmailCategory('DIGEST')).toBe(true);
    expect(isConfigurableEmailCategory('INVITATION')).toBe(false);
    expect(isConfigurableEmailCategory('toString')).toBe(false);
  });
});
