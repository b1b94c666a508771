import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  drainLogs,
  httpLoggerOptions,
  logDestination,
  pathOnly,
  recordGraphqlOperation,
  requestIdFor,
} from './logger.module.js';

function exchange(header?: string): {
  req: IncomingMessage;
  res: ServerResponse;
  sent: Map<string, string>;
} {
  const sent = new Map<string, string>();
  const req = {
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as IncomingMessage;
  const res = {
    setHeader: (name: string, value: string) => sent.set(name, value),
  } as unknown as ServerResponse;
  return { req, res, sent };
}

describe('request ids', () => {
  it('makes a UUID when the request has none, and echoes it in the response', () => {
    const { req, res, sent } = exchange();
    const id = requestIdFor(req, res);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sent.get('x-request-id')).toBe(id);
  });

  it("keeps a proxy's well-formed id", () => {
    const { req, res } = exchange('edge-7f3a9c21');
    expect(requestIdFor(req, res)).toBe('edge-7f3a9c21');
  });

  it.each(['short', 'has space inside', 'x'.repeat(129), 'new\nline-injected'])(
    'replaces a malformed id %p',
    (header) => {
      const { req, res } = exchange(header);
      expect(requestIdFor(req, res)).not.toBe(header);
    },
  );
});

describe('logged paths', () => {
  it('drop the query string, which may carry personal data', () => {
    expect(pathOnly('/graphql?email=jeanne@example.fr')).toBe('/graphql');
    expect(pathOnly('/health/ready')).toBe('/health/ready');
    expect(pathOnly(undefined)).toBe('');
  });
});

describe('request log lines', () => {
  const { serializers } = httpLoggerOptions({ logLevel: 'info' });

  it('keep the request id, method and path, and drop headers, query and client address', () => {
    const request = {
      id: 'req-00000001',
      method: 'POST',
      url: '/graphql?nir=180017512345678',
      headers: { authorization: 'Bearer secret-token', cookie: 'session=abc' },
      remoteAddress: '203.0.113.9',
      query: { nir: '180017512345678' },
    };
    const logged = serializers.req(request);
    expect(logged).toEqual({ id: 'req-00000001', method: 'POST', path: '/graphql' });
    expect(JSON.stringify(logged)).not.toMatch(/secret-token|session|203\.0\.113|1800175/);
  });

  it('keep only the status of the response', () => {
    expect(serializers.res({ statusCode: 503 })).toEqual({ statusCode: 503 });
  });
});

describe('what every line and every request line carry', () => {
  const options = httpLoggerOptions({ logLevel: 'info' });

  it('names the instance that wrote the line: its host name and process', () => {
    expect(options.base).toEqual({ service: 'relais-api', instance: hostname(), pid: process.pid });
  });

  it("names a GraphQL request's operation once it is known, and nothing for other requests", () => {
    const graphql = { headers: {} } as IncomingMessage;
    const other = { headers: {} } as IncomingMessage;
    expect(options.customProps(graphql)).toEqual({});
    recordGraphqlOperation(graphql, 'OpenFile');
    expect(options.customProps(graphql)).toEqual({ graphqlOperation: 'OpenFile' });
    expect(options.customProps(other)).toEqual({});
  });
});

describe('the log destination', () => {
  it('writes after the logging call returns, and every line is written once drainLogs resolves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relais-logs-'));
    try {
      const file = join(dir, 'api.log');
      const destination = logDestination(file);
      const logger = pino(destination);
      for (let index = 0; index < 2000; index += 1) logger.info({ index }, 'request completed');
      // Nothing was written on the way: the lines wait for the event loop.
      const written = existsSync(file) ? readFileSync(file, 'utf8') : '';
      expect(written.split('\n').filter(Boolean).length).toBeLessThan(2000);

      await drainLogs(destination, 5000);
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(2000);
      expect(lines.map((line) => (JSON.parse(line) as { index: number }).index)).toEqual(
        Array.from({ length: 2000 }, (_, index) => index),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
