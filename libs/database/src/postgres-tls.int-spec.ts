import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { describeDatabaseError } from './database-errors.js';
import {
  type RunningEmbeddedPostgres,
  startEmbeddedPostgres,
} from './embedded/embedded-postgres-server.js';
import { ensureDatabaseExists } from './ensure-database.js';
import { postgresConnectionOptions } from './postgres-connection.js';

function openssl(folder: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' });
}

/** A CA, and (with `server`) a certificate it signs for 127.0.0.1 and localhost. */
async function makeCertificates(folder: string): Promise<void> {
  for (const ca of ['ca', 'other-ca']) {
    openssl(
      folder,
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=Relais test ${ca}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.pem`,
    );
  }
  openssl(
    folder,
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  await writeFile(join(folder, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    folder,
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'server.ext',
    '-out',
    'server.pem',
  );
  await chmod(join(folder, 'server.key'), 0o600);
  // As root the server runs as `postgres`, which must own its key (PostgreSQL checks).
  if (process.getuid?.() === 0) {
    const id = (flag: string): number =>
      Number.parseInt(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout, 10);
    await chown(join(folder, 'server.key'), id('-u'), id('-g'));
  }
}

/** Whether the session of a connection made with Relais's options runs over TLS. */
async function sessionUsesTls(url: string, caFile?: string): Promise<boolean> {
  const client = new pg.Client(await postgresConnectionOptions(url, caFile));
  await client.connect();
  try {
    const { rows } = await client.query<{ ssl: boolean }>(
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return rows[0]?.ssl ?? false;
  } finally {
    await client.end();
  }
}

async function failureOf(url: string, caFile?: string): Promise<string> {
  try {
    await sessionUsesTls(url, caFile);
  } catch (error) {
    return describeDatabaseError(error, url);
  }
  throw new Error('the connection succeeded');
}

function withMode(url: string, query: string): string {
  const target = new URL(url);
  target.search = query;
  return target.toString();
}

describe('DATABASE_URL sslmode, against a real PostgreSQL with TLS', () => {
  let folder: string;
  let server: RunningEmbeddedPostgres | undefined;
  let tlsUrl: string;
  // The machine's PostgreSQL (the worker's database) has no TLS.
  const plainUrl = process.env.DATABASE_URL as string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'relais-tls-'));
    // As root the server runs as the `postgres` user, who must be able to enter the folder.
    await chmod(folder, 0o755);
    await makeCertificates(folder);
    server = await startEmbeddedPostgres({
      dataDir: join(folder, 'postgres'),
      serverFlags: [
        '-c',
        'ssl=on',
        '-c',
        `ssl_cert_file=${join(folder, 'server.pem')}`,
        '-c',
        `ssl_key_file=${join(folder, 'server.key')}`,
      ],
    });
    tlsUrl = server.url;
  });

  afterAll(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('require: TLS, without a CA to check the certificate against', async () => {
    expect(await sessionUsesTls(withMode(tlsUrl, 'sslmode=require'))).toBe(true);
  });

  it('prefer: TLS where the server offers it, plain where it does not', async () => {
    expect(await sessionUsesTls(withMode(tlsUrl, 'sslmode=prefer'))).toBe(true);
    expect(await sessionUsesTls(withMode(plainUrl, 'sslmode=prefer'))).toBe(false);
    // libpq's default, with no sslmode at all.
    expect(await sessionUsesTls(withMode(tlsUrl, 'application_name=default-mode'))).toBe(true);
  });

  it('require against a server without TLS: refused, in one line saying why', async () => {
    expect(await failureOf(withMode(plainUrl, 'sslmode=require'))).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:\d+ does not offer TLS, which the sslmode of DATABASE_URL demands: /,
    );
  });

  it('verify-full and verify-ca connect with the CA file, in the URL or in DATABASE_CA_FILE', async () => {
    const caFile = join(folder, 'ca.pem');
    expect(await sessionUsesTls(withMode(tlsUrl, 'sslmode=verify-full'), caFile)).toBe(true);
    expect(
      await sessionUsesTls(withMode(tlsUrl, `sslmode=verify-full&sslrootcert=${caFile}`)),
    ).toBe(true);
    expect(await sessionUsesTls(withMode(tlsUrl, 'sslmode=verify-ca'), caFile)).toBe(true);
  });

  it('verify-full without the CA that signed the certificate fails with a clear line', async () => {
    const expected =
      /^PostgreSQL at 127\.0\.0\.1:\d+ presented a certificate that could not be verified \(.+\): set DATABASE_CA_FILE to the CA that signed it/;
    const url = withMode(tlsUrl, 'sslmode=verify-full');
    expect(await failureOf(url, join(folder, 'other-ca.pem'))).toMatch(expected);
    // Nor do the system's CAs know it.
    expect(await failureOf(withMode(tlsUrl, 'sslmode=verify-full&sslrootcert=system'))).toMatch(
      expected,
    );
  });

  it('disable: plain, even to a server that offers TLS', async () => {
    expect(await sessionUsesTls(withMode(tlsUrl, 'sslmode=disable'))).toBe(false);
  });

  it('the data source and the database creation of the API and the tools go through it', async () => {
    const url = withMode(tlsUrl, 'sslmode=require');
    const created = new URL(url);
    created.pathname = '/relais_over_tls';
    expect(await ensureDatabaseExists(created.toString())).toBe(true);
    const dataSource = new DataSource(await buildDataSourceOptions({ url: created.toString() }));
    await dataSource.initialize();
    try {
      const rows = await dataSource.query<{ ssl: boolean; database: string }[]>(
        'SELECT ssl, current_database() AS database FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      expect(rows).toEqual([{ ssl: true, database: 'relais_over_tls' }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
