import { randomUUID } from 'node:crypto';
import { Role } from '@relais/identity';
import {
  connectSocket,
  createAccount,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { MetricsServer } from '../../apps/api/src/observability/metrics-server.js';
import { eventually } from '../notifications/notification-support.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import { type Exposition, parseExposition, samplesOf, valueOf } from './prometheus-text.js';

/** The app with METRICS_PORT=0 (a free port, on loopback) as the only difference. */
async function startWithMetrics(): Promise<TestApp> {
  const previous = { port: process.env.METRICS_PORT, host: process.env.METRICS_HOST };
  process.env.METRICS_PORT = '0';
  process.env.METRICS_HOST = '127.0.0.1';
  try {
    return await startRelais();
  } finally {
    for (const [name, value] of [
      ['METRICS_PORT', previous.port],
      ['METRICS_HOST', previous.host],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('Prometheus metrics (METRICS_PORT)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let metricsUrl: string;
  let token: string;

  const scrape = async (): Promise<Exposition> => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    relais = await startWithMetrics();
    const { port } = await relais.app.get(MetricsServer).address;
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const caseworker = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    token = (await relais.signIn(caseworker.id)).accessToken;
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('serves them on their own port, never on the API port', async () => {
    expect(new URL(metricsUrl).port).not.toBe(new URL(relais.baseUrl).port);
    const onApi = await fetch(`${relais.baseUrl}/metrics`);
    expect(await onApi.text()).not.toContain('relais_http_request_duration_seconds');
    expect((await fetch(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);
  });

  it('times HTTP requests by route template, not by URL', async () => {
    const id = randomUUID();
    expect((await fetch(`${relais.baseUrl}/health/live`)).status).toBe(200);
    expect((await fetch(`${relais.baseUrl}/people/${id}/export.json`)).status).toBe(401);
    const metrics = await scrape();
    expect(
      valueOf(metrics, 'relais_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/health/live',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(metrics, 'relais_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/people/:id/export.json',
        status: '401',
      }),
    ).toBeGreaterThanOrEqual(1);
    const routes = samplesOf(metrics, 'relais_http_request_duration_seconds_count').map(
      (sample) => sample.labels.route ?? '',
    );
    expect(routes.some((route) => route.includes(id))).toBe(false);
    expect(metrics.types.get('relais_http_request_duration_seconds')).toBe('histogram');
  });

  it('counts GraphQL operations by name and their errors by code', async () => {
    const series = { operation: 'MetricsProbe', type: 'query' };
    const before =
      valueOf(await scrape(), 'relais_graphql_operation_duration_seconds_count', series) ?? 0;
    const probe = await relais.graphql.execute<{ apiInfo: { name: string } }>(
      'query MetricsProbe { apiInfo { name } }',
    );
    expect(probe.data?.apiInfo.name).toBe('Relais');
    await relais.graphql.execute<{ apiInfo: { name: string } }>(
      'query MetricsProbe { apiInfo { name } }',
    );
    const refused = await relais.graphql.execute('query MetricsWithoutToken { me { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await relais.graphql.execute('{ apiInfo { name } }');

    const metrics = await scrape();
    expect(valueOf(metrics, 'relais_graphql_operation_duration_seconds_count', series)).toBe(
      before + 2,
    );
    expect(
      valueOf(metrics, 'relais_graphql_errors_total', {
        operation: 'MetricsWithoutToken',
        code: 'UNAUTHENTICATED',
      }),
    ).toBe(1);
    expect(
      valueOf(metrics, 'relais_graphql_operation_duration_seconds_count', {
        operation: 'anonymous',
        type: 'query',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(metrics, 'relais_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/graphql',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(4);
  });

  it('gives the outbox lag, the webhook queue, the database pool and the process', async () => {
    const metrics = await scrape();
    const lag = valueOf(metrics, 'relais_outbox_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(lag)).toBe(true);
    expect(valueOf(metrics, 'relais_webhook_queue_depth')).toBeGreaterThanOrEqual(0);
    expect(metrics.types.get('relais_outbox_dispatch_batch_size')).toBe('histogram');
    expect(metrics.types.get('relais_webhook_delivery_failures_total')).toBe('counter');
    expect(valueOf(metrics, 'relais_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(
      valueOf(metrics, 'relais_db_pool_connections', { state: 'idle' }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      valueOf(metrics, 'relais_db_pool_connections', { state: 'waiting' }),
    ).toBeGreaterThanOrEqual(0);
    expect(valueOf(metrics, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts the live sockets as they come and go', async () => {
    const live = async (): Promise<number> =>
      valueOf(await scrape(), 'relais_live_connections', { transport: 'socket.io' }) ?? -1;
    const before = await live();
    expect(before).toBeGreaterThanOrEqual(0);
    const socket = await connectSocket(relais.baseUrl, { auth: { token } });
    try {
      await eventually(live, (count) => count === before + 1);
    } finally {
      socket.close();
    }
    await eventually(live, (count) => count === before);
  });
});
