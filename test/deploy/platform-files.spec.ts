import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { API_ENVIRONMENT_VARIABLES, loadAppConfig } from '@relais/core';
import { parse as parseYaml } from 'yaml';

const root = join(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The source a built `dist/….js` comes from: it must exist, or the command starts nothing. */
const sourceOf = (built: string): string => built.replace(/^dist\//, '').replace(/\.js$/, '.ts');

const procfile = Object.fromEntries(
  read('Procfile')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    }),
);

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}
const compose = parseYaml(read('docker/compose.yaml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** Compose's interpolation of `${NAME:-default}` when nothing is exported: the default. */
const interpolated = (environment: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
    ]),
  );

describe('the platform files', () => {
  it('Procfile: the built API and the built migration tool, never a rebuild', () => {
    expect(procfile).toEqual({
      web: 'node dist/apps/api/src/main.js',
      postdeploy: 'node dist/apps/api/src/tools/database-tool.js run',
    });
    for (const command of Object.values(procfile)) {
      expect(existsSync(join(root, sourceOf(command.split(' ')[1])))).toBe(true);
    }
  });

  it('scalingo.json: variables the API reads, the two secrets generated', () => {
    const manifest = JSON.parse(read('scalingo.json')) as {
      env: Record<string, { value?: string; generator?: string }>;
    };
    const names = Object.keys(manifest.env);
    expect(names.filter((name) => !API_ENVIRONMENT_VARIABLES.includes(name))).toEqual([]);
    expect(manifest.env.NODE_ENV?.value).toBe('production');
    expect(manifest.env.AUTH_TOKEN_SECRET?.generator).toBe('secret');
    expect(manifest.env.AUDIT_CHAIN_KEY?.generator).toBe('secret');
    // The links in emails point to each app's own address (a review app's too).
    expect(manifest.env.PUBLIC_URL?.generator).toBe('url');
  });

  it('compose: migrations before the API, which drains within its stop grace period', () => {
    const { api, migrate } = compose.services;
    expect(api?.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(migrate?.depends_on).toMatchObject({
      'generate-secrets': { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
    });
    expect(migrate?.command?.join(' ')).toBe(procfile.postdeploy);
    expect(api?.command?.join(' ')).toBe(procfile.web);
    expect(api?.healthcheck?.test.join(' ')).toContain('/health/ready');

    for (const service of [api, migrate]) {
      const names = Object.keys(service?.environment ?? {});
      expect(names.filter((name) => !API_ENVIRONMENT_VARIABLES.includes(name))).toEqual([]);
    }
    // With the secrets the entrypoint exports, the API accepts this environment.
    const config = loadAppConfig({
      ...interpolated(api?.environment),
      AUTH_TOKEN_SECRET: 'a'.repeat(64),
      AUDIT_CHAIN_KEY: 'b'.repeat(64),
    });
    // Production's required SMTP server: the mail catcher of the file unless one is exported.
    expect(config.smtp?.url).toBe('smtp://mailpit:1025');
    expect(compose.services.mailpit).toBeDefined();
    expect(api?.depends_on?.mailpit).toEqual({ condition: 'service_started' });
    const stopGrace = /^(\d+)s$/.exec(api?.stop_grace_period ?? '');
    expect(Number(stopGrace?.[1])).toBeGreaterThan(config.shutdown.graceSeconds);
  });

  it('Dockerfile: the base pinned by digest, on the Node major of .nvmrc', () => {
    const from = /^FROM node:(\d+)\.\d+\.\d+-[a-z]+-slim@sha256:[0-9a-f]{64} AS base$/m.exec(
      read('docker/Dockerfile'),
    );
    expect(from?.[1]).toBe(read('.nvmrc').trim());
  });
});
