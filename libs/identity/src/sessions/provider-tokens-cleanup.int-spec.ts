import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { organizationEntities } from '@relais/organizations';
import { createAccount } from '@relais/testing';
import { identityEntities } from '../index.js';
import { SessionRepository } from '../session.repository.js';

const HOUR = 3_600_000;
const LIFETIME_MS = 12 * HOUR;

/** Which provider sessions keep their ID token: only those that can still be used. */
describe('SessionRepository.forgetSpentProviderTokens', () => {
  let dataSource: DataSource;
  let sessions: SessionRepository;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: process.env.DATABASE_URL as string,
        poolSize: 2,
        entities: [...organizationEntities, ...identityEntities],
      }),
    ).initialize();
    sessions = new SessionRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A ProConnect session whose refresh token expires at `expiresAt`, opened `ageMs` ago. */
  async function providerSession(expiresAt: Date, ageMs = 0): Promise<string> {
    const account = await createAccount(dataSource, []);
    const session = await sessions.create(account.id, ['pwd'], dataSource.manager, {
      provider: 'proconnect',
      idToken: `header.${randomBytes(8).toString('hex')}.signature`,
    });
    await dataSource.query(
      `UPDATE session SET created_at = now() - $2 * interval '1 ms' WHERE id = $1`,
      [session.id, ageMs],
    );
    await sessions.insertRefreshToken({
      sessionId: session.id,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt,
    });
    return session.id;
  }

  const kept = async (sessionId: string): Promise<boolean> => {
    const [row] = await dataSource.query<{ kept: boolean }[]>(
      `SELECT provider_id_token IS NOT NULL AS kept FROM session WHERE id = $1`,
      [sessionId],
    );
    return row.kept;
  };

  it('forgets the token of an ended, an idle and a too old session, and keeps a live one’s', async () => {
    const soon = new Date(Date.now() + HOUR);
    const live = await providerSession(soon);
    const idle = await providerSession(new Date(Date.now() - 1_000));
    const old = await providerSession(soon, LIFETIME_MS + HOUR);
    const ended = await providerSession(soon);
    await dataSource.query(`UPDATE session SET revoked_at = now() WHERE id = $1`, [ended]);

    expect(await sessions.forgetSpentProviderTokens(LIFETIME_MS)).toBeGreaterThanOrEqual(3);
    expect({
      live: await kept(live),
      idle: await kept(idle),
      old: await kept(old),
      ended: await kept(ended),
    }).toEqual({ live: true, idle: false, old: false, ended: false });
    // A second run finds nothing more of these to forget, and the live session still works.
    await sessions.forgetSpentProviderTokens(LIFETIME_MS);
    expect(await kept(live)).toBe(true);
  });
});
