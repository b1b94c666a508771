import pg from 'pg';
import type { TestApp } from '@relais/testing';
import { startRelais } from '../support/app.js';

describe('health endpoints', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('says the process is live', async () => {
    const response = await fetch(`${relais.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('says ready while the database answers, 503 while it does not, and ready again after', async () => {
    const ready = await fetch(`${relais.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });

    const database = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
    const admin = new pg.Client({
      connectionString: process.env.DATABASE_URL?.replace(/\/[^/]*$/, '/postgres'),
    });
    await admin.connect();
    try {
      // Nobody may connect to the database any more, and the API's pooled connections are cut.
      await admin.query(
        `ALTER DATABASE ${admin.escapeIdentifier(database)} ALLOW_CONNECTIONS false`,
      );
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      const down = await fetch(`${relais.baseUrl}/health/ready`);
      expect(down.status).toBe(503);
      const body = (await down.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 'error',
        error: { database: { status: 'down', message: 'the database does not answer' } },
      });
      // Nothing about the server's internals: no addresses, ports or stack frames.
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b|\bat .+:\d+:\d+/);
    } finally {
      await admin.query(
        `ALTER DATABASE ${admin.escapeIdentifier(database)} ALLOW_CONNECTIONS true`,
      );
      await admin.end();
    }

    const back = await fetch(`${relais.baseUrl}/health/ready`);
    expect(back.status).toBe(200);
  });
});
