import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { planPostgresTls, PostgresTlsError } from './postgres-connection.js';

const BASE = 'postgres://relais:secret@db.example:5432/relais';
const CA = '-----BEGIN CERTIFICATE-----\nthe CA\n-----END CERTIFICATE-----\n';

/** A certificate for another host: what checkServerIdentity sees when the name does not match. */
const otherHost = { subject: { CN: 'elsewhere.example' }, subjectaltname: 'DNS:elsewhere.example' };

function checksHostName(plan: ReturnType<typeof planPostgresTls>): boolean {
  if (plan.ssl === false) throw new Error('no TLS');
  const check = plan.ssl.checkServerIdentity ?? checkServerIdentity;
  return check('db.example', otherHost as unknown as PeerCertificate) !== undefined;
}

describe('planPostgresTls (libpq sslmode as operators write it)', () => {
  let folder: string;
  let caFile: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'relais-tls-plan-'));
    caFile = join(folder, 'ca.pem');
    await writeFile(caFile, CA);
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('gives pg the URL without its TLS parameters, keeping the others', () => {
    const plan = planPostgresTls(
      `${BASE}?sslmode=require&application_name=ops&sslrootcert=${caFile}&uselibpqcompat=true`,
    );
    expect(plan.connectionString).toBe(`${BASE}?application_name=ops`);
  });

  it('disable: a plain connection', () => {
    expect(planPostgresTls(`${BASE}?sslmode=disable`, caFile)).toEqual({
      connectionString: BASE,
      ssl: false,
      sslMode: 'disable',
      plainIfRefused: false,
    });
  });

  it.each(['prefer', 'allow'])(
    '%s: TLS without verification, plain when the server refuses',
    (mode) => {
      const plan = planPostgresTls(`${BASE}?sslmode=${mode}`, caFile);
      expect(plan).toMatchObject({ sslMode: mode, plainIfRefused: true });
      expect(plan.ssl).toMatchObject({ rejectUnauthorized: false });
    },
  );

  it("without sslmode: libpq's default, prefer", () => {
    expect(planPostgresTls(BASE)).toMatchObject({ sslMode: 'prefer', plainIfRefused: true });
  });

  it('require: TLS without verification', () => {
    const plan = planPostgresTls(`${BASE}?sslmode=require`);
    expect(plan).toMatchObject({ sslMode: 'require', plainIfRefused: false });
    expect(plan.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('require with a CA: as verify-ca, the chain checked and not the host name', () => {
    const plan = planPostgresTls(`${BASE}?sslmode=require`, caFile);
    expect(plan.ssl).toMatchObject({ ca: CA, rejectUnauthorized: true });
    expect(checksHostName(plan)).toBe(false);
  });

  it('verify-ca: the chain checked against the CA, not the host name', () => {
    const plan = planPostgresTls(`${BASE}?sslmode=verify-ca`, caFile);
    expect(plan.ssl).toMatchObject({ ca: CA, rejectUnauthorized: true });
    expect(checksHostName(plan)).toBe(false);
  });

  it('verify-ca without a CA: refused with a line saying what to set', () => {
    expect(() => planPostgresTls(`${BASE}?sslmode=verify-ca`)).toThrow(
      new PostgresTlsError(
        'DATABASE_URL is invalid: sslmode=verify-ca needs the CA of the server: set DATABASE_CA_FILE or sslrootcert.',
      ),
    );
  });

  it('verify-full: the chain and the host name checked', () => {
    const plan = planPostgresTls(`${BASE}?sslmode=verify-full`, caFile);
    expect(plan.ssl).toEqual({ ca: CA, rejectUnauthorized: true });
    expect(checksHostName(plan)).toBe(true);
  });

  it("verify-full without a CA: the system's CAs", () => {
    expect(planPostgresTls(`${BASE}?sslmode=verify-full`).ssl).toEqual({
      rejectUnauthorized: true,
    });
  });

  it('sslrootcert in the URL wins over DATABASE_CA_FILE; sslrootcert=system means verify-full', async () => {
    const other = join(folder, 'other.pem');
    await writeFile(other, 'the other CA');
    expect(
      planPostgresTls(`${BASE}?sslmode=verify-ca&sslrootcert=${other}`, caFile).ssl,
    ).toMatchObject({
      ca: 'the other CA',
    });
    const system = planPostgresTls(`${BASE}?sslmode=require&sslrootcert=system`, caFile);
    expect(system.sslMode).toBe('verify-full');
    expect(system.ssl).toEqual({ rejectUnauthorized: true });
  });

  it('reads the older ssl=true and ssl=false', () => {
    expect(planPostgresTls(`${BASE}?ssl=true`).sslMode).toBe('require');
    expect(planPostgresTls(`${BASE}?ssl=false`).sslMode).toBe('disable');
  });

  it('names an unknown sslmode and an unreadable CA in one line', () => {
    expect(() => planPostgresTls(`${BASE}?sslmode=verify`)).toThrow(
      'DATABASE_URL is invalid: sslmode=verify is not one of disable, allow, prefer, require, verify-ca, verify-full.',
    );
    expect(() => planPostgresTls(`${BASE}?sslmode=verify-full`, join(folder, 'gone.pem'))).toThrow(
      `DATABASE_CA_FILE cannot be read (${join(folder, 'gone.pem')}: ENOENT).`,
    );
    expect(() =>
      planPostgresTls(`${BASE}?sslmode=verify-full&sslrootcert=${join(folder, 'gone.pem')}`),
    ).toThrow(
      `The sslrootcert of DATABASE_URL cannot be read (${join(folder, 'gone.pem')}: ENOENT).`,
    );
  });
});
