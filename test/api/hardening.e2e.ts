import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { Controller, Get, HttpCode, type INestApplication, Module, Post } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import {
  createAccount,
  createGraphqlWsClient,
  type GraphqlWsClient,
  type SmtpTestServer,
  startSmtpTestServer,
  startTestApp,
  type TestApp,
} from '@relais/testing';
import type { GraphQLFormattedError } from 'graphql';
import { AppModule } from '../../apps/api/src/app.module.js';
import { operationsWithoutAccessRule } from '../../apps/api/src/auth/access-rule.audit.js';
import { Authenticated } from '../../apps/api/src/auth/access.decorators.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { GRAPHQL_LIMITS } from '../../apps/api/src/graphql/graphql-limits.js';
import {
  AUTH_RATE_LIMITS,
  AuthRateLimit,
} from '../../apps/api/src/security/auth-rate-limit.decorator.js';
import { SecurityModule } from '../../apps/api/src/security/security.module.js';
import { webClientDirectory } from '../../apps/api/src/web/web-client.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';

interface Refusal {
  readonly transport: 'HTTP' | 'WebSocket';
  readonly status?: number;
  readonly data?: unknown;
  readonly errors: readonly GraphQLFormattedError[];
}

/** The same operation sent over both transports, each expected to be refused. */
async function refusals(relais: TestApp, ws: GraphqlWsClient, query: string): Promise<Refusal[]> {
  const http = await relais.graphql.execute(query);
  const socket = await ws.execute(query);
  return [
    { transport: 'HTTP', status: http.status, data: http.data, errors: http.errors ?? [] },
    { transport: 'WebSocket', data: socket.data, errors: socket.errors ?? [] },
  ];
}

/** One error, with this code and message, and nothing a stranger could learn more from. */
function expectRefused(refusal: Refusal, code: string, message: RegExp): void {
  expect(refusal.data).toBeUndefined();
  if (refusal.transport === 'HTTP') expect(refusal.status).toBe(400);
  expect(refusal.errors).toHaveLength(1);
  const [error] = refusal.errors;
  expect(error?.extensions).toEqual({ code });
  expect(error?.message).toMatch(message);
  expect(JSON.stringify(refusal.errors)).not.toMatch(/stacktrace|Did you mean|\bat .+:\d+:\d+/);
}

/** `__type` nested `levels` deep: the public schema is too shallow to go past the limit. */
function typeQuery(levels: number): string {
  const ofTypes = levels - 4;
  return `{ __type(name: "Query") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`;
}

describe('GraphQL hardening', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let ws: GraphqlWsClient;

  beforeAll(async () => {
    relais = await startRelais();
    ws = createGraphqlWsClient(relais.baseUrl);
  });

  afterAll(async () => {
    await ws.close();
    await relais.close();
  });

  it('answers a query at the depth limit, and refuses one level deeper over HTTP and WebSocket', async () => {
    const atLimit = await relais.graphql.execute(typeQuery(GRAPHQL_LIMITS.maxDepth));
    expect(atLimit.errors).toBeUndefined();
    expect((await ws.execute(typeQuery(GRAPHQL_LIMITS.maxDepth))).errors).toBeUndefined();

    for (const refusal of await refusals(relais, ws, typeQuery(GRAPHQL_LIMITS.maxDepth + 1))) {
      expectRefused(
        refusal,
        'GRAPHQL_VALIDATION_FAILED',
        new RegExp(
          `Query depth limit of ${GRAPHQL_LIMITS.maxDepth} exceeded, found ${GRAPHQL_LIMITS.maxDepth + 1}`,
        ),
      );
    }
  });

  it('refuses more aliases than the limit over HTTP and WebSocket', async () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `a${i}: apiInfo { name }`).join(' ')} }`;
    expect(
      (await relais.graphql.execute(aliases(GRAPHQL_LIMITS.maxAliases))).errors,
    ).toBeUndefined();

    for (const refusal of await refusals(relais, ws, aliases(GRAPHQL_LIMITS.maxAliases + 1))) {
      expectRefused(
        refusal,
        'GRAPHQL_VALIDATION_FAILED',
        new RegExp(`Aliases limit of ${GRAPHQL_LIMITS.maxAliases} exceeded`),
      );
    }
  });

  it('refuses a query costing more than the limit (fragments spread over and over) over HTTP and WebSocket', async () => {
    let query = '{ apiInfo { ...F1 } }\n';
    for (let level = 1; level < 5; level += 1) {
      query += `fragment F${level} on ApiInfo { ${`...F${level + 1} `.repeat(10)}}\n`;
    }
    query += 'fragment F5 on ApiInfo { name version serverTime }';

    for (const refusal of await refusals(relais, ws, query)) {
      expectRefused(
        refusal,
        'GRAPHQL_VALIDATION_FAILED',
        new RegExp(`Query Cost limit of ${GRAPHQL_LIMITS.maxCost} exceeded`),
      );
    }
  });

  it('refuses more directives than the limit over HTTP and WebSocket', async () => {
    const query = `{ apiInfo { ${'name @skip(if: false) '.repeat(GRAPHQL_LIMITS.maxDirectives + 1)}} }`;
    for (const refusal of await refusals(relais, ws, query)) {
      expectRefused(
        refusal,
        'GRAPHQL_VALIDATION_FAILED',
        new RegExp(`Directives limit of ${GRAPHQL_LIMITS.maxDirectives} exceeded`),
      );
    }
  });

  it('stops parsing a document past the token limit over HTTP and WebSocket', async () => {
    const query = `{ apiInfo { ${'name '.repeat(GRAPHQL_LIMITS.maxTokens)}} }`;
    for (const refusal of await refusals(relais, ws, query)) {
      expectRefused(
        refusal,
        'GRAPHQL_PARSE_FAILED',
        new RegExp(`more that ${GRAPHQL_LIMITS.maxTokens} tokens`),
      );
    }
  });

  it('names an unknown field without suggesting the real ones, over HTTP and WebSocket', async () => {
    for (const refusal of await refusals(relais, ws, '{ apiInfo { nam } }')) {
      expectRefused(
        refusal,
        'GRAPHQL_VALIDATION_FAILED',
        /^Cannot query field "nam" on type "ApiInfo"\.$/,
      );
    }
  });

  it('keeps the WebSocket open after refusing an operation', async () => {
    await ws.execute(typeQuery(GRAPHQL_LIMITS.maxDepth + 1));
    await ws.execute('{ apiInfo { name ');
    const after = await ws.execute<{ apiInfo: { name: string } }>('{ apiInfo { name } }');
    expect(after.data?.apiInfo.name).toBe('Relais');
  });

  it('refuses a batch of operations in one HTTP request', async () => {
    const response = await fetch(relais.graphql.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { query: '{ apiInfo { name } }' },
        { query: '{ apiInfo { version } }' },
      ]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('batching disabled');
  });

  it('refuses a query a browser could send cross-site without a preflight (CSRF)', async () => {
    const query = encodeURIComponent('{ apiInfo { name } }');
    const get = await fetch(`${relais.graphql.url}?query=${query}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toContain('Cross-Site Request Forgery');

    const simplePost = await fetch(relais.graphql.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ apiInfo { name } }' }),
    });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toContain('Cross-Site Request Forgery');

    // What a browser sends only after a preflight, which a foreign origin does not pass.
    const preflighted = await fetch(`${relais.graphql.url}?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('sends the security headers on health and GraphQL responses', async () => {
    const responses = [
      await fetch(`${relais.baseUrl}/health/live`),
      await fetch(relais.graphql.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ apiInfo { name } }' }),
      }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('does not rate-limit GraphQL or health', async () => {
    for (let request = 0; request <= AUTH_RATE_LIMITS.perAddress.limit + 1; request += 1) {
      const health = await fetch(`${relais.baseUrl}/health/live`);
      const graphql = await relais.graphql.execute('{ apiInfo { name } }');
      expect([health.status, graphql.status]).toEqual([200, 200]);
      expect(graphql.headers.get('retry-after')).toBeNull();
      expect(graphql.headers.get('x-ratelimit-limit-auth-address')).toBeNull();
    }
  });
});

describe('GraphQL in production', () => {
  const saved = Object.fromEntries(
    [
      'NODE_ENV',
      'AUTH_TOKEN_SECRET',
      'AUDIT_CHAIN_KEY',
      'DEV_SIGN_IN',
      'SMTP_URL',
      'MAIL_FROM',
      'PUBLIC_URL',
    ].map((name) => [name, process.env[name]]),
  );
  let relais: TestApp;
  let ws: GraphqlWsClient;
  let smtp: SmtpTestServer;

  beforeAll(async () => {
    // Production refuses to boot without its SMTP server, sender and public address.
    smtp = await startSmtpTestServer();
    process.env.NODE_ENV = 'production';
    process.env.AUTH_TOKEN_SECRET = 'hardening-test-secret-'.padEnd(48, 'x');
    process.env.AUDIT_CHAIN_KEY = 'hardening-test-audit-chain-key-'.padEnd(48, 'x');
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = 'Relais <ne-pas-repondre@relais.example.gouv.fr>';
    process.env.PUBLIC_URL = 'http://127.0.0.1';
    delete process.env.DEV_SIGN_IN;
    relais = await startRelais();
    ws = createGraphqlWsClient(relais.baseUrl);
  });

  afterAll(async () => {
    await ws?.close();
    await relais?.close();
    await smtp?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('refuses introspection over HTTP and WebSocket', async () => {
    for (const query of ['{ __schema { description } }', '{ __type(name: "Query") { name } }']) {
      for (const refusal of await refusals(relais, ws, query)) {
        expectRefused(refusal, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
      }
    }
    expect((await relais.graphql.data('{ apiInfo { name } }')).apiInfo).toEqual({
      name: 'Relais',
    });
  });

  it('serves the web client’s scripts but never a source map', async () => {
    const assets = readdirSync(join(webClientDirectory() ?? '', 'assets'));
    const script = assets.find((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const served = await fetch(`${relais.baseUrl}/assets/${script}`);
    expect(served.status).toBe(200);
    // The build writes no map and links none...
    expect(assets.filter((name) => name.includes('.map'))).toEqual([]);
    expect(await served.text()).not.toContain('sourceMappingURL');
    // ...and were one copied beside the scripts, production would not serve it: an empty 404
    // of its own, before the files (a missing file would get the API's JSON 404).
    const answer = await fetch(`${relais.baseUrl}/assets/${script}.map`);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe('');
  });
});

@Controller('probe')
class SignInProbeController {
  @Post('sign-in')
  @HttpCode(200)
  @AuthRateLimit()
  signIn(): { signedIn: boolean } {
    return { signedIn: true };
  }

  @Get('open')
  open(): { open: boolean } {
    return { open: true };
  }
}

describe('rate limit of authentication endpoints', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [SecurityModule],
      controllers: [SignInProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After once a client has made its attempts, and limits nothing else', async () => {
    for (let attempt = 1; attempt <= AUTH_RATE_LIMITS.perAddress.limit; attempt += 1) {
      const allowed = await fetch(`${baseUrl}/probe/sign-in`, { method: 'POST' });
      expect(allowed.status).toBe(200);
    }

    const refused = await fetch(`${baseUrl}/probe/sign-in`, { method: 'POST' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(AUTH_RATE_LIMITS.perAddress.ttl / 1000);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      message: 'Too many attempts: try again later.',
    });

    for (let request = 0; request <= AUTH_RATE_LIMITS.perAddress.limit; request += 1) {
      const open = await fetch(`${baseUrl}/probe/open`);
      expect(open.status).toBe(200);
      expect(open.headers.get('retry-after')).toBeNull();
    }
  });
});

// Access rules: every operation declares one, and a route that forgets it is refused.
@Resolver()
class ForgetfulResolver {
  @Query(() => String)
  forgotten(): string {
    return 'anyone';
  }

  @Authenticated()
  @Query(() => String)
  remembered(): string {
    return 'signed in';
  }
}

@WebSocketGateway()
class ForgetfulGateway {
  @SubscribeMessage('forgotten-message')
  handle(): string {
    return 'anyone';
  }
}

@Controller('forgetful')
class ForgetfulController {
  @Get()
  read(): string {
    return 'anyone';
  }
}

@Module({
  imports: [DiscoveryModule],
  providers: [ForgetfulResolver, ForgetfulGateway],
  controllers: [ForgetfulController],
})
class ForgetfulModule {}

describe('access rules', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('are declared by every GraphQL operation, socket message and HTTP route of Relais', () => {
    expect(operationsWithoutAccessRule(relais.app)).toEqual([]);
  });

  it('are found missing wherever an operation forgets one', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ForgetfulModule] }).compile();
    expect(operationsWithoutAccessRule(moduleRef)).toEqual([
      'ForgetfulController.read',
      'Query.forgotten',
      'socket message "forgotten-message"',
    ]);
    await moduleRef.close();
  });

  it('refuse an HTTP route that declares none, even to a signed-in caller', async () => {
    @Module({ imports: [AppModule], controllers: [ForgetfulController] })
    class AppWithAForgetfulRoute {}
    const app = await startTestApp({ module: AppWithAForgetfulRoute, configure: configureApp });
    try {
      const account = await createAccount(app.dataSource);
      const { accessToken } = await app.signIn(account.id);
      const response = await fetch(`${app.baseUrl}/forgetful`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
    } finally {
      await app.close();
    }
  });
});
