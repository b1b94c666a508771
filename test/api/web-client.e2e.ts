import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestApp } from '@relais/testing';
import {
  WEB_CONTENT_SECURITY_POLICY,
  webClientDirectory,
} from '../../apps/api/src/web/web-client.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';

/** What a browser's navigation asks for. */
const PAGE = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

// The API serves the built web client (dist/web, built by `npm test`) at `/`: its own paths
// answer as before, every other GET gets the client's page, which routes in the browser.
describe('the web client served by the API', () => {
  startFromEmptyTables();
  let relais: TestApp;
  const previousDevSignIn = process.env.DEV_SIGN_IN;

  beforeAll(async () => {
    delete process.env.DEV_SIGN_IN;
    // One legal fact given, the others left to their placeholders.
    process.env.LEGAL_EDITOR = 'Département de Loire-Atlantique, 3 quai Ceineray, Nantes';
    relais = await startRelais();
  });

  afterAll(async () => {
    delete process.env.LEGAL_EDITOR;
    await relais.close();
    if (previousDevSignIn === undefined) delete process.env.DEV_SIGN_IN;
    else process.env.DEV_SIGN_IN = previousDevSignIn;
  });

  it('answers its page at / and at the client’s own routes, under a content policy of its own', async () => {
    for (const path of [
      '/',
      '/accompagnements',
      '/personnes/0b7c8a4e-1d6a-4f64-9a53-6f0f6e1b1a11',
    ]) {
      // As a browser navigates: asking for a page.
      const response = await fetch(`${relais.baseUrl}${path}`, { headers: { accept: PAGE } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toBe(WEB_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      const html = await response.text();
      expect(html).toContain('<html lang="fr"');
      expect(html).toContain('<div id="root"></div>');
    }
    expect(WEB_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(WEB_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves the hashed assets for a year, and the design system’s files', async () => {
    const built = webClientDirectory(import.meta.dirname);
    expect(built).toBeDefined();
    const script = (await readdir(join(built ?? '', 'assets'))).find((file) =>
      file.endsWith('.js'),
    );
    const asset = await fetch(`${relais.baseUrl}/assets/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await fetch(`${relais.baseUrl}/dsfr/dsfr.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('sends a browser the Brotli or gzip copy it accepts, made at build, and others the file itself', async () => {
    // The script every page loads first.
    const built = webClientDirectory(import.meta.dirname) ?? '';
    const html = await readFile(join(built, 'index.html'), 'utf8');
    const script = /<script type="module"[^>]* src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const file = join(built, 'assets', script ?? '');
    const content = await readFile(file);
    for (const [acceptEncoding, encoding, copy] of [
      ['gzip, deflate, br, zstd', 'br', '.br'],
      ['gzip, deflate', 'gzip', '.gz'],
      ['identity', null, ''],
    ] as const) {
      const response = await fetch(`${relais.baseUrl}/assets/${script}`, {
        headers: { 'accept-encoding': acceptEncoding },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      // Caches keep one copy per encoding.
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // The copy written at build, sent as it is: fetch decodes it back to the script.
      expect(Number(response.headers.get('content-length'))).toBe((await stat(file + copy)).size);
      expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
    }
    expect((await stat(`${file}.br`)).size).toBeLessThan(content.length / 3);

    // The page at a client route, and the design system's style sheet, compressed too.
    const page = await fetch(`${relais.baseUrl}/accompagnements`, {
      headers: { accept: PAGE, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<div id="root"></div>');
    const css = await fetch(`${relais.baseUrl}/dsfr/dsfr.min.css`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(css.headers.get('content-encoding')).toBe('gzip');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('leaves the API’s paths to the API: JSON answers, never the page', async () => {
    const health = await fetch(`${relais.baseUrl}/health/live`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);

    // A client that does not ask for a page meets the API, even off its paths.
    const plain = await fetch(`${relais.baseUrl}/accompagnements`);
    expect(plain.status).toBe(404);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);

    for (const path of [
      '/people/unknown/nothing',
      '/auth/nothing',
      '/health/nothing',
      '/territories/44/nothing',
    ]) {
      const response = await fetch(`${relais.baseUrl}${path}`, { headers: { accept: PAGE } });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
    }
    const graphql = await relais.graphql.execute<{ apiInfo: { name: string } }>(
      '{ apiInfo { name } }',
    );
    expect(graphql.data?.apiInfo.name).toBe('Relais');
  });

  it('gives the legal pages their facts without a session, and nothing else', async () => {
    // No cookie, no Authorization header: a signed-out browser.
    const response = await fetch(`${relais.baseUrl}/legal/notice`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      editor: 'Département de Loire-Atlantique, 3 quai Ceineray, Nantes',
      publicationDirector: null,
      host: null,
      dpoContact: null,
      accessibilityContact: null,
    });
    // None of the configuration's secrets or addresses, whatever their names.
    const text = JSON.stringify(body);
    for (const secret of [process.env.DATABASE_URL, 'postgres://', 'secret', 'smtp']) {
      if (secret) expect(text).not.toContain(secret);
    }
    // A browser navigating to a legal page gets the client, which routes there.
    const page = await fetch(`${relais.baseUrl}/mentions-legales`, { headers: { accept: PAGE } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('tells the sign-in page which sign-ins are on: none but the configured ones', async () => {
    const response = await fetch(`${relais.baseUrl}/auth/methods`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      oidc: false,
      franceConnect: false,
      devSignIn: false,
      demoPersonas: [],
      sessionIdleMinutes: 30,
    });
  });
});

describe('the sign-in methods of the demo', () => {
  let relais: TestApp;
  const previousDevSignIn = process.env.DEV_SIGN_IN;

  beforeAll(async () => {
    process.env.DEV_SIGN_IN = 'true';
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
    if (previousDevSignIn === undefined) delete process.env.DEV_SIGN_IN;
    else process.env.DEV_SIGN_IN = previousDevSignIn;
  });

  it('lists the demo personas in French when the development sign-in is on', async () => {
    const methods = (await (await fetch(`${relais.baseUrl}/auth/methods`)).json()) as {
      devSignIn: boolean;
      demoPersonas: { email: string; name: string; description: string }[];
    };
    expect(methods.devSignIn).toBe(true);
    expect(methods.demoPersonas).toHaveLength(8);
    expect(methods.demoPersonas[0]).toEqual({
      email: 'claire.moreau@relais.demo',
      name: 'Claire Moreau',
      description: 'Professionnelle, Département de Loire-Atlantique',
    });
  });
});
