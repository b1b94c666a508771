import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { SHARED_OUTBOX_WITHOUT_REDIS } from '@relais/notifications';
import type { TestApp } from '@relais/testing';
import pg from 'pg';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import { eventually } from './notification-support.js';

/**
 * Two instances on one database share the outbox (one dispatcher at a time) but their live pushes
 * only through Redis. An instance started without REDIS_URL beside another one says so in its
 * log, rather than letting pushes reach only some clients in silence.
 */
describe('an instance without Redis beside another one', () => {
  startFromEmptyTables();
  const apps: TestApp[] = [];
  const redisUrl = process.env.REDIS_URL;

  beforeAll(() => {
    delete process.env.REDIS_URL;
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    if (redisUrl !== undefined) process.env.REDIS_URL = redisUrl;
  });

  it('warns that live pushes will reach only its own clients', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const warned = () =>
      warn.mock.calls.filter(([message]) => message === SHARED_OUTBOX_WITHOUT_REDIS).length;
    // The dispatchers on this worker's database, and whether each has run its check (its last
    // statement is the count of the others, finished).
    const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await observer.connect();
    const dispatchers = async () => {
      const { rows } = await observer.query<{ checked: boolean }>(
        `SELECT state = 'idle' AND query LIKE '%FROM pg_stat_activity%' AS checked
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'relais-dispatcher'`,
      );
      return rows.map((row) => row.checked);
    };
    try {
      // An instance an earlier test file closed may still be leaving the server.
      await eventually(dispatchers, (found) => found.length === 0);
      apps.push(await startRelais());
      // Alone on its database: once its listener has looked for others, nothing to say.
      await eventually(dispatchers, (found) => found.length === 1 && found[0]);
      await new Promise(setImmediate);
      expect(warned()).toBe(0);

      apps.push(await startRelais());
      expect(
        await eventually(
          () => Promise.resolve(warned()),
          (count) => count > 0,
        ),
      ).toBe(1);
    } finally {
      warn.mockRestore();
      await observer.end();
    }
  });
});
