import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { findFreePort } from '@relais/database';
import { createAccount, type TestApp } from '@relais/testing';
import { Redis } from 'ioredis';
import { AUTH_RATE_LIMITS } from '../../apps/api/src/security/auth-rate-limit.decorator.js';
import { eventually } from '../notifications/notification-support.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  REDIS_SERVER,
  redisServerInstalled,
  startRedisServer,
  stopRedisServer,
} from '../support/redis-server.js';

if (!redisServerInstalled) {
  process.stdout.write(
    `rate limits across instances: NOT RUN — no redis-server at ${REDIS_SERVER} (apt-get install redis-server)\n`,
  );
}
const describeWithRedis = redisServerInstalled ? describe : describe.skip;

const PER_ADDRESS = AUTH_RATE_LIMITS.perAddress.limit;
const PER_SUBJECT = AUTH_RATE_LIMITS.perSubject.limit;

/** Relais booted with these variables, as the environment of its process; the rest restored. */
async function startRelaisWith(variables: Record<string, string>): Promise<TestApp> {
  const previous = Object.fromEntries(
    Object.keys(variables).map((name) => [name, process.env[name]]),
  );
  Object.assign(process.env, variables);
  try {
    return await startRelais();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

interface Reply {
  readonly status: number;
  readonly retryAfter: number | undefined;
}

interface Attempt {
  /** The client's address as the proxy forwards it (X-Forwarded-For). */
  readonly from?: string;
  readonly json?: unknown;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

async function post(relais: TestApp, path: string, attempt: Attempt): Promise<Reply> {
  const headers: Record<string, string> = { ...attempt.headers };
  if (attempt.from) headers['x-forwarded-for'] = attempt.from;
  let body: string | undefined;
  if (attempt.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(attempt.json);
  } else if (attempt.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(attempt.form).toString();
  }
  const response = await fetch(`${relais.baseUrl}${path}`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  const retryAfter = response.headers.get('retry-after');
  return { status: response.status, retryAfter: retryAfter === null ? undefined : +retryAfter };
}

const signIn = (relais: TestApp, email: string, from?: string) =>
  post(relais, '/auth/dev/sign-in', { from, json: { email } });

function expectRefused(reply: Reply): void {
  expect(reply.status).toBe(429);
  expect(reply.retryAfter).toBeGreaterThan(0);
  expect(reply.retryAfter).toBeLessThanOrEqual(AUTH_RATE_LIMITS.perSubject.ttl / 1000);
}

const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

/** Addresses of a documentation range (RFC 5737), one per test so that none shares a count. */
let network = 0;
function addresses(): (host: number) => string {
  network += 1;
  return (host) => `198.51.${network}.${host}`;
}

describeWithRedis('rate limits behind a trusted proxy, two instances sharing Redis', () => {
  let redis: ChildProcess | undefined;
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  /** The two instances, taken in turn: every count below is spread over both. */
  const instance = (attempt: number): TestApp => (attempt % 2 === 0 ? a! : b!);

  beforeAll(async () => {
    const port = await findFreePort();
    redis = await startRedisServer(port);
    const variables = {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      TRUST_PROXY: 'loopback',
      DEV_SIGN_IN: 'true',
      AUTH_TOKEN_SECRET: 'a-token-secret-shared-by-both-instances-0000',
    };
    a = await startRelaisWith(variables);
    b = await startRelaisWith(variables);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (redis) await stopRedisServer(redis);
  });

  it('counts the sign-ins of one email on both instances from every address, and no other email', async () => {
    const address = addresses();
    const account = await createAccount(a!.dataSource);
    for (let attempt = 1; attempt <= PER_SUBJECT; attempt += 1) {
      expect(await signIn(instance(attempt), account.email, address(attempt))).toMatchObject({
        status: 200,
      });
    }
    expectRefused(await signIn(a!, account.email, address(100)));
    // However it is written: the email, trimmed and in lower case, is the subject.
    expectRefused(await signIn(b!, `  ${account.email.toUpperCase()} `, address(101)));

    const colleague = await createAccount(a!.dataSource);
    expect((await signIn(b!, colleague.email, address(1))).status).toBe(200);
    expect((await signIn(a!, colleague.email, address(100))).status).toBe(200);
  });

  it('counts each forwarded address apart, on both instances together', async () => {
    const address = addresses();
    for (let attempt = 1; attempt <= PER_ADDRESS; attempt += 1) {
      const reply = await signIn(instance(attempt), `nobody-${attempt}@example.test`, address(1));
      expect(reply.status).toBe(401);
    }
    expectRefused(await signIn(a!, 'someone-else@example.test', address(1)));
    expectRefused(await signIn(b!, 'someone-else@example.test', address(1)));
    // The next address along (a colleague behind another NAT) is not held back.
    expect((await signIn(b!, 'someone-else@example.test', address(2))).status).toBe(401);
    // Only the trusted hop is believed: an address the client itself puts first is not.
    expect(
      (await signIn(a!, 'someone-else@example.test', `203.0.113.9, ${address(1)}`)).status,
    ).toBe(429);
  });

  it('counts refresh attempts by the token, whether it comes in the body or the cookie', async () => {
    const address = addresses();
    const token = randomBytes(32).toString('base64url');
    for (let attempt = 1; attempt <= PER_SUBJECT; attempt += 1) {
      const reply = await post(instance(attempt), '/auth/refresh', {
        from: address(attempt),
        json: { refreshToken: token },
      });
      expect(reply.status).toBe(401);
    }
    expectRefused(
      await post(a!, '/auth/refresh', { from: address(50), json: { refreshToken: token } }),
    );
    expectRefused(
      await post(b!, '/auth/refresh', {
        from: address(51),
        json: {},
        headers: { cookie: `theme=dark; relais_refresh=${token}` },
      }),
    );
    const another = randomBytes(32).toString('base64url');
    expect(
      (await post(b!, '/auth/refresh', { from: address(1), json: { refreshToken: another } }))
        .status,
    ).toBe(401);
  });

  it('counts token requests by the client id, from HTTP Basic or the form', async () => {
    const address = addresses();
    const clientId = randomUUID();
    for (let attempt = 1; attempt <= PER_SUBJECT; attempt += 1) {
      const secret = `wrong-${attempt}`;
      const reply = await post(instance(attempt), '/auth/token', {
        from: address(attempt),
        ...(attempt % 3 === 0
          ? {
              form: {
                grant_type: 'client_credentials',
                client_id: clientId,
                client_secret: secret,
              },
            }
          : {
              form: { grant_type: 'client_credentials' },
              headers: { authorization: basic(clientId, secret) },
            }),
      });
      expect(reply.status).toBe(401);
    }
    expectRefused(
      await post(a!, '/auth/token', {
        from: address(60),
        form: { grant_type: 'client_credentials' },
        headers: { authorization: basic(clientId, 'yet-another') },
      }),
    );
    expectRefused(
      await post(b!, '/auth/token', {
        from: address(61),
        form: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'x' },
      }),
    );
    const otherClient = randomUUID();
    expect(
      (
        await post(b!, '/auth/token', {
          from: address(1),
          form: { grant_type: 'client_credentials', client_id: otherClient, client_secret: 'x' },
        })
      ).status,
    ).toBe(401);
  });
});

describe('rate limits without TRUST_PROXY', () => {
  startFromEmptyTables();
  let relais: TestApp | undefined;

  beforeAll(async () => {
    relais = await startRelaisWith({ DEV_SIGN_IN: 'true' });
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('ignores X-Forwarded-For: a forged address does not reset the count of the real one', async () => {
    const address = addresses();
    for (let attempt = 1; attempt <= PER_ADDRESS; attempt += 1) {
      const reply = await signIn(relais!, `nobody-${attempt}@example.test`, address(attempt));
      expect(reply.status).toBe(401);
    }
    expectRefused(await signIn(relais!, 'someone-else@example.test', address(200)));
    expectRefused(await signIn(relais!, 'someone-else@example.test'));
  });
});

describeWithRedis('rate limits when Redis goes away', () => {
  let port: number;
  let redisUrl: string;
  let redis: ChildProcess | undefined;
  let relais: TestApp | undefined;

  /** The rate-limit keys Redis holds, or undefined while it does not answer. */
  async function keysInRedis(): Promise<string[] | undefined> {
    const probe = new Redis(redisUrl, {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      connectionName: 'probe',
    });
    try {
      await probe.connect();
      const clients = (await probe.call('CLIENT', 'LIST')) as string;
      if (!clients.includes('name=relais-rate-limits')) return undefined;
      return await probe.keys('relais:rate-limit:*');
    } catch {
      return undefined;
    } finally {
      probe.disconnect();
    }
  }

  beforeAll(async () => {
    port = await findFreePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    redis = await startRedisServer(port);
    relais = await startRelaisWith({ REDIS_URL: redisUrl, DEV_SIGN_IN: 'true' });
  });

  afterAll(async () => {
    await relais?.close();
    if (redis) await stopRedisServer(redis);
  });

  it('still signs in, counting on the instance alone, and shares the counts again once Redis is back', async () => {
    const account = await createAccount(relais!.dataSource);
    expect((await signIn(relais!, account.email)).status).toBe(200);
    expect((await keysInRedis())?.length).toBeGreaterThan(0);

    await stopRedisServer(redis!);
    // What Redis counted is out of reach: this instance counts from nothing, and still limits.
    for (let attempt = 1; attempt <= PER_SUBJECT; attempt += 1) {
      expect((await signIn(relais!, account.email)).status).toBe(200);
    }
    expectRefused(await signIn(relais!, account.email));

    redis = await startRedisServer(port);
    // The rate limits' Redis client is back.
    await eventually(keysInRedis, (keys) => keys !== undefined);
    const colleague = await createAccount(relais!.dataSource);
    expect((await signIn(relais!, colleague.email)).status).toBe(200);
    expect((await keysInRedis())?.length).toBeGreaterThan(0);
  });
});
