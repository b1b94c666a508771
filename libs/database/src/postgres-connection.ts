import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';

/**
 * libpq's `sslmode` values (https://www.postgresql.org/docs/current/libpq-ssl.html), written in
 * DATABASE_URL as operators and hosting platforms write them. Without one, libpq's default:
 * `prefer`.
 */
export const SSL_MODES = [
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * The URL parameters that describe TLS. They are read here and removed from the URL: pg's own
 * reading of them (pg-connection-string) would override the `ssl` option given next to the URL
 * and, without `uselibpqcompat`, treats `require` as `verify-full`.
 */
const TLS_PARAMETERS = [
  'ssl',
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'uselibpqcompat',
] as const;

/** A DATABASE_URL or DATABASE_CA_FILE that cannot describe a connection; its message is one line. */
export class PostgresTlsError extends Error {
  override readonly name = 'PostgresTlsError';
}

/** The node:tls options Relais sets (pg passes them to tls.connect). */
export type PostgresTlsOptions = Pick<
  ConnectionOptions,
  'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'checkServerIdentity'
>;

/** What pg (and TypeORM, as `url` and `ssl`) is given: the URL without its TLS parameters. */
export interface PostgresConnectionOptions {
  readonly connectionString: string;
  /** pg's `ssl`: false for a plain connection, else node:tls options. */
  readonly ssl: false | PostgresTlsOptions;
}

/** The TLS a URL asks for, before `prefer` and `allow` have asked the server. */
export interface PostgresTlsPlan extends PostgresConnectionOptions {
  readonly sslMode: SslMode;
  /** `prefer` and `allow`: TLS when the server offers it, a plain connection when it refuses. */
  readonly plainIfRefused: boolean;
}

function readPemFile(path: string, source: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PostgresTlsError(`${source} cannot be read (${path}: ${code}).`);
  }
}

/**
 * Turns a DATABASE_URL (and the CA of DATABASE_CA_FILE) into pg's connection options with
 * libpq's meaning of `sslmode`:
 * - disable: no TLS;
 * - allow, prefer (the default): TLS without verification when the server offers it, else plain;
 * - require: TLS without verification, unless a CA is given: then as verify-ca (libpq does so);
 * - verify-ca: TLS, the chain checked against the CA, not the host name;
 * - verify-full: TLS, the chain (the given CA, else the system's) and the host name checked.
 * `sslrootcert=<file>` in the URL wins over DATABASE_CA_FILE; `sslrootcert=system` means the
 * system's CAs and verify-full, as in libpq 16. Synchronous and pure but for reading the files.
 */
export function planPostgresTls(url: string, caFile?: string): PostgresTlsPlan {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PostgresTlsError(
      'DATABASE_URL is invalid: expected a URL like postgres://user:password@host:5432/database.',
    );
  }
  const parameter = (name: string): string | undefined =>
    parsed.searchParams.get(name) || undefined;
  const rootCert = parameter('sslrootcert');
  const legacySsl = parameter('ssl');
  const given =
    parameter('sslmode') ??
    (legacySsl === 'true' || legacySsl === '1'
      ? 'require'
      : legacySsl === 'false' || legacySsl === '0'
        ? 'disable'
        : undefined);
  if (given !== undefined && !(SSL_MODES as readonly string[]).includes(given)) {
    throw new PostgresTlsError(
      `DATABASE_URL is invalid: sslmode=${given} is not one of ${SSL_MODES.join(', ')}.`,
    );
  }
  const systemRoots = rootCert === 'system';
  const sslMode: SslMode = systemRoots
    ? 'verify-full'
    : ((given as SslMode | undefined) ?? 'prefer');
  for (const name of TLS_PARAMETERS) parsed.searchParams.delete(name);
  const connectionString = parsed.toString();

  if (sslMode === 'disable') {
    return { connectionString, ssl: false, sslMode, plainIfRefused: false };
  }
  const ca =
    rootCert && !systemRoots
      ? readPemFile(rootCert, 'The sslrootcert of DATABASE_URL')
      : caFile && !systemRoots
        ? readPemFile(caFile, 'DATABASE_CA_FILE')
        : undefined;
  const clientCert = parameter('sslcert');
  const clientKey = parameter('sslkey');
  const ssl: PostgresTlsOptions = {
    ...(clientCert ? { cert: readPemFile(clientCert, 'The sslcert of DATABASE_URL') } : {}),
    ...(clientKey ? { key: readPemFile(clientKey, 'The sslkey of DATABASE_URL') } : {}),
  };
  // The chain is checked, the host name not.
  const chainOnly = (): PostgresTlsOptions => ({
    ...ssl,
    ca,
    rejectUnauthorized: true,
    checkServerIdentity: () => undefined,
  });
  switch (sslMode) {
    case 'allow':
    case 'prefer':
      return {
        connectionString,
        ssl: { ...ssl, rejectUnauthorized: false },
        sslMode,
        plainIfRefused: true,
      };
    case 'require':
      return {
        connectionString,
        ssl: ca ? chainOnly() : { ...ssl, rejectUnauthorized: false },
        sslMode,
        plainIfRefused: false,
      };
    case 'verify-ca':
      if (!ca) {
        throw new PostgresTlsError(
          'DATABASE_URL is invalid: sslmode=verify-ca needs the CA of the server: set DATABASE_CA_FILE or sslrootcert.',
        );
      }
      return { connectionString, ssl: chainOnly(), sslMode, plainIfRefused: false };
    case 'verify-full':
      return {
        connectionString,
        ssl: { ...ssl, ...(ca ? { ca } : {}), rejectUnauthorized: true },
        sslMode,
        plainIfRefused: false,
      };
  }
}

/** pg's error when the server answers "N" to the TLS request (connection.js). */
const TLS_REFUSED = 'The server does not support SSL connections';

/**
 * Whether the server refuses TLS: pg has no `prefer`, so a connection is tried with TLS. Any
 * answer of PostgreSQL itself (a wrong password, a missing database) came over TLS: accepted.
 */
async function serverRefusesTls(plan: PostgresTlsPlan): Promise<boolean> {
  const client = new pg.Client({
    connectionString: plan.connectionString,
    ssl: plan.ssl,
    connectionTimeoutMillis: 5_000,
  });
  // A failed connect also emits 'error'; without a listener it would be thrown again.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return false;
  } catch (error) {
    if ((error as Error).message === TLS_REFUSED) return true;
    if (error instanceof pg.DatabaseError) return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const resolved = new Map<string, Promise<PostgresConnectionOptions>>();

/**
 * The one way Relais connects to PostgreSQL: the options of `planPostgresTls`, with `prefer` and
 * `allow` settled by asking the server once per process (TLS when it offers it, else plain), so
 * every pooled connection, the outbox listener and the tools agree. A failed attempt is not
 * remembered. `caFile` defaults to DATABASE_CA_FILE (checked by the configuration).
 */
export function postgresConnectionOptions(
  url: string,
  caFile: string | undefined = process.env.DATABASE_CA_FILE || undefined,
): Promise<PostgresConnectionOptions> {
  const key = `${url}\n${caFile ?? ''}`;
  let options = resolved.get(key);
  if (!options) {
    options = (async () => {
      const plan = planPostgresTls(url, caFile);
      const { connectionString, ssl } = plan;
      if (plan.plainIfRefused && (await serverRefusesTls(plan))) {
        return { connectionString, ssl: false as const };
      }
      return { connectionString, ssl };
    })();
    resolved.set(key, options);
    options.catch(() => resolved.delete(key));
  }
  return options;
}
