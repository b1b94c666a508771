import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadAppConfig } from './app-config.js';
import { missingLegalVariables } from './legal-config.js';

const valid = { DATABASE_URL: 'postgres://relais:secret@db.example:5432/relais' };

/** The least production accepts: its two secrets and the emails' server, sender and links. */
const production = {
  ...valid,
  NODE_ENV: 'production',
  AUTH_TOKEN_SECRET: 'a-secret-of-forty-characters-or-more-000',
  AUDIT_CHAIN_KEY: 'an-audit-chain-key-of-forty-characters-0',
  SMTP_URL: 'smtp://smtp.example:587',
  MAIL_FROM: 'relais@example.gouv.fr',
  PUBLIC_URL: 'https://relais.example.gouv.fr/',
};

function problemOf(env: Record<string, string>): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadAppConfig', () => {
  it('drains for 5 seconds by default in production, within a grace period it must fit in', () => {
    expect(loadAppConfig(production).shutdown).toEqual({ drainSeconds: 5, graceSeconds: 10 });
    expect(
      loadAppConfig({ ...valid, SHUTDOWN_DRAIN_SECONDS: '2', SHUTDOWN_GRACE_SECONDS: '30' })
        .shutdown,
    ).toEqual({ drainSeconds: 2, graceSeconds: 30 });
    expect(problemOf({ ...valid, SHUTDOWN_GRACE_SECONDS: '0' })).toBe(
      'Configuration error: SHUTDOWN_GRACE_SECONDS is invalid: expected a whole number of seconds between 1 and 600.',
    );
    expect(problemOf({ ...valid, SHUTDOWN_DRAIN_SECONDS: '1.5' })).toBe(
      'Configuration error: SHUTDOWN_DRAIN_SECONDS is invalid: expected a whole number of seconds between 0 and 300.',
    );
    expect(problemOf({ ...valid, SHUTDOWN_DRAIN_SECONDS: '10' })).toBe(
      'Configuration error: SHUTDOWN_DRAIN_SECONDS is invalid: expected fewer seconds than SHUTDOWN_GRACE_SECONDS, which includes the drain.',
    );
    expect(problemOf({ ...production, SHUTDOWN_GRACE_SECONDS: '5' })).toBe(
      'Configuration error: SHUTDOWN_GRACE_SECONDS is invalid: expected more than the 5 seconds of SHUTDOWN_DRAIN_SECONDS (its production default), which it includes.',
    );
  });

  it('applies the documented defaults', () => {
    expect(loadAppConfig(valid)).toEqual({
      authTokenSecret: expect.stringMatching(/^.{32,}$/) as string,
      auditChainKey: undefined,
      devSignIn: false,
      webhookAllowPrivateAddresses: false,
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: valid.DATABASE_URL,
      databaseCaFile: undefined,
      databasePoolSize: 10,
      redisUrl: undefined,
      trustProxy: false,
      logLevel: 'info',
      oidc: undefined,
      franceConnect: undefined,
      smtp: undefined,
      mailFrom: 'Relais <ne-pas-repondre@relais.invalid>',
      publicUrl: 'http://127.0.0.1:3000',
      emailDigestHour: 7,
      retentionSchedule: 'daily',
      accessTokenTtlSeconds: 900,
      liveConnectionsPerPrincipal: 20,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      shutdown: { drainSeconds: 0, graceSeconds: 10 },
      metrics: undefined,
      tracing: undefined,
      sentry: undefined,
      legal: {
        editor: undefined,
        publicationDirector: undefined,
        host: undefined,
        dpoContact: undefined,
        accessibilityContact: undefined,
      },
    });
  });

  it('reads every variable it knows', () => {
    const config = loadAppConfig({
      ...production,
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_POOL_SIZE: '25',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'warn',
      RETENTION_SCHEDULE: 'off',
    });
    expect(config).toMatchObject({
      retentionSchedule: 'off',
      nodeEnv: 'production',
      host: '0.0.0.0',
      port: 8080,
      databasePoolSize: 25,
      redisUrl: 'redis://cache:6379',
      logLevel: 'warn',
    });
  });

  it('allows webhooks to private addresses only when asked, and never in production', () => {
    expect(
      loadAppConfig({ ...valid, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' })
        .webhookAllowPrivateAddresses,
    ).toBe(true);
    expect(problemOf({ ...production, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' })).toBe(
      'Configuration error: WEBHOOK_ALLOW_PRIVATE_ADDRESSES is invalid: webhooks to loopback and private addresses are never allowed in production.',
    );
    expect(problemOf({ ...valid, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes' })).toBe(
      'Configuration error: WEBHOOK_ALLOW_PRIVATE_ADDRESSES is invalid: expected true or false.',
    );
  });

  it('requires a token secret in production, and never allows the development sign-in there', () => {
    expect(problemOf({ ...production, AUTH_TOKEN_SECRET: '' })).toBe(
      'Configuration error: AUTH_TOKEN_SECRET is required in production.',
    );
    expect(problemOf({ ...production, DEV_SIGN_IN: 'true' })).toBe(
      'Configuration error: DEV_SIGN_IN is invalid: the development sign-in is never allowed in production.',
    );
    expect(loadAppConfig(production)).toMatchObject({
      authTokenSecret: production.AUTH_TOKEN_SECRET,
      devSignIn: false,
    });
    expect(loadAppConfig({ ...valid, DEV_SIGN_IN: 'true' }).devSignIn).toBe(true);
  });

  it('requires the audit chain key in production, and keeps it out of the messages', () => {
    const secret = 'x'.repeat(40);
    expect(problemOf({ ...production, AUDIT_CHAIN_KEY: '' })).toBe(
      'Configuration error: AUDIT_CHAIN_KEY is required in production.',
    );
    expect(loadAppConfig({ ...valid, AUDIT_CHAIN_KEY: secret }).auditChainKey).toBe(secret);
    expect(problemOf({ ...valid, AUDIT_CHAIN_KEY: 'a-short-key' })).not.toContain('a-short-key');
  });

  it('listens on every interface when the platform sets PORT, on the loopback otherwise', () => {
    expect(loadAppConfig(valid).host).toBe('127.0.0.1');
    expect(loadAppConfig({ ...valid, PORT: '8080' }).host).toBe('0.0.0.0');
    expect(loadAppConfig({ ...valid, PORT: '8080', HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadAppConfig({ ...valid, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
    // An empty PORT counts as unset, as every variable.
    expect(loadAppConfig({ ...valid, PORT: '' }).host).toBe('127.0.0.1');
  });

  it('takes the CA of PostgreSQL from a readable DATABASE_CA_FILE', () => {
    const readable = fileURLToPath(import.meta.url);
    expect(loadAppConfig({ ...valid, DATABASE_CA_FILE: readable }).databaseCaFile).toBe(readable);
    const expected =
      "Configuration error: DATABASE_CA_FILE is invalid: expected the path of a readable file (the PEM certificate of the server's CA).";
    expect(problemOf({ ...valid, DATABASE_CA_FILE: '/nowhere/ca.pem' })).toBe(expected);
    expect(problemOf({ ...valid, DATABASE_CA_FILE: dirname(readable) })).toBe(expected);
  });

  it('starts without the legal facts even in production, naming them as missing', () => {
    const config = loadAppConfig({
      ...production,
      LEGAL_EDITOR: '  Département de la Somme, 43 rue de la République, Amiens ',
    });
    expect(config.legal.editor).toBe('Département de la Somme, 43 rue de la République, Amiens');
    expect(missingLegalVariables(config.legal)).toEqual([
      'LEGAL_PUBLICATION_DIRECTOR',
      'LEGAL_HOST',
      'LEGAL_DPO_CONTACT',
      'LEGAL_ACCESSIBILITY_CONTACT',
    ]);
    expect(problemOf({ ...valid, LEGAL_HOST: '<script>' })).toBe(
      'Configuration error: LEGAL_HOST is invalid: expected plain text, without < or >.',
    );
  });

  it('names a missing DATABASE_URL', () => {
    expect(problemOf({})).toBe('Configuration error: DATABASE_URL is required.');
  });

  it('treats an empty variable as unset', () => {
    expect(problemOf({ DATABASE_URL: '' })).toBe('Configuration error: DATABASE_URL is required.');
    expect(loadAppConfig({ ...valid, PORT: '' }).port).toBe(3000);
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/relais', 'expected a URL like postgres://'],
    ['DATABASE_URL', 'not a url', 'expected a URL like postgres://'],
    ['DATABASE_URL', 'postgres://db.example:5432', 'expected a URL like postgres://'],
    ['PORT', 'eighty', 'expected a whole number between 0 and 65535'],
    ['PORT', '70000', 'expected a whole number between 0 and 65535'],
    ['PORT', '80.5', 'expected a whole number between 0 and 65535'],
    ['NODE_ENV', 'staging', 'expected one of development, test, production'],
    ['LOG_LEVEL', 'verbose', 'expected one of fatal, error, warn, info, debug, trace, silent'],
    ['REDIS_URL', 'http://cache', 'expected a URL like redis://host:6379'],
    ['DATABASE_POOL_SIZE', '0', 'expected a whole number between 1 and 200'],
    ['AUTH_TOKEN_SECRET', 'short', 'expected at least 32 characters'],
    ['AUDIT_CHAIN_KEY', 'short', 'expected at least 32 characters'],
    ['DEV_SIGN_IN', 'yes', 'expected true or false'],
    ['RETENTION_SCHEDULE', 'weekly', 'expected daily or off'],
    ['SESSION_IDLE_MINUTES', '2', 'expected a whole number of minutes between 5 and 480'],
    ['SESSION_MAX_HOURS', 'a day', 'expected a whole number of hours between 1 and 168'],
    ['OIDC_ISSUER', 'http://proconnect.example/api/v2', 'expected an https:// URL'],
    ['OIDC_ISSUER', 'not a url', 'expected an https:// URL'],
    ['OIDC_REDIRECT_URI', 'https://relais.example/cb?x=1', 'expected an https:// URL'],
    ['OIDC_SCOPES', 'email given_name', 'expected the openid scope among them'],
    ['OIDC_SCOPES', 'openid  email', 'expected scopes separated by single spaces'],
    ['OIDC_MFA_REQUIRED_FOR_ADMINS', 'yes', 'expected true or false'],
  ])('names %s when it is %p', (variable, value, expected) => {
    const message = problemOf({ ...valid, [variable]: value });
    expect(message).toContain(`${variable} is invalid: ${expected}`);
    expect(message.split('\n')).toHaveLength(1);
  });

  describe('the OIDC sign-in', () => {
    const oidc = {
      OIDC_ISSUER: 'https://proconnect.example/api/v2',
      OIDC_CLIENT_ID: 'relais',
      OIDC_CLIENT_SECRET: 'a-client-secret',
      OIDC_REDIRECT_URI: 'https://relais.example/auth/oidc/callback',
    };

    it('is on when its four variables are set, with ProConnect scopes and no MFA rule by default', () => {
      expect(loadAppConfig({ ...valid, ...oidc }).oidc).toEqual({
        issuer: oidc.OIDC_ISSUER,
        clientId: 'relais',
        clientSecret: 'a-client-secret',
        redirectUri: oidc.OIDC_REDIRECT_URI,
        scopes: 'openid email given_name usual_name',
        mfaRequiredForAdmins: false,
        postLogoutRedirectUri: 'http://127.0.0.1:3000/connexion',
      });
    });

    it('sends the browser back after the provider’s logout to the sign-in page under PUBLIC_URL, or where OIDC_POST_LOGOUT_REDIRECT_URI says', () => {
      expect(
        loadAppConfig({ ...valid, ...oidc, PUBLIC_URL: 'https://relais.example/' }).oidc
          ?.postLogoutRedirectUri,
      ).toBe('https://relais.example/connexion');
      expect(
        loadAppConfig({
          ...valid,
          ...oidc,
          OIDC_POST_LOGOUT_REDIRECT_URI: 'https://relais.example/au-revoir',
        }).oidc?.postLogoutRedirectUri,
      ).toBe('https://relais.example/au-revoir');
      expect(
        problemOf({
          ...valid,
          ...oidc,
          OIDC_POST_LOGOUT_REDIRECT_URI: 'http://relais.example/connexion',
        }),
      ).toContain('OIDC_POST_LOGOUT_REDIRECT_URI');
      expect(
        problemOf({
          ...valid,
          ...oidc,
          OIDC_POST_LOGOUT_REDIRECT_URI: 'https://relais.example/connexion?sortie=1',
        }),
      ).toContain('OIDC_POST_LOGOUT_REDIRECT_URI');
    });

    it('reads its optional variables, and allows http on a loopback address', () => {
      const config = loadAppConfig({
        ...valid,
        ...oidc,
        OIDC_ISSUER: 'http://127.0.0.1:4000',
        OIDC_REDIRECT_URI: 'http://localhost:3000/auth/oidc/callback',
        OIDC_SCOPES: 'openid email given_name usual_name uid siret',
        OIDC_MFA_REQUIRED_FOR_ADMINS: 'true',
      });
      expect(config.oidc).toMatchObject({
        issuer: 'http://127.0.0.1:4000',
        scopes: 'openid email given_name usual_name uid siret',
        mfaRequiredForAdmins: true,
      });
    });

    it('names the variables missing when only some are set, without echoing the others', () => {
      const message = problemOf({
        ...valid,
        OIDC_ISSUER: oidc.OIDC_ISSUER,
        OIDC_CLIENT_SECRET: 'hunter2-secret',
      });
      expect(message).toBe(
        'Configuration error: OIDC_CLIENT_ID is required; OIDC_REDIRECT_URI is required: the OIDC sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI together.',
      );
      expect(message).not.toContain('hunter2');
    });

    it('is off when none is set, whatever the optional ones say', () => {
      expect(
        loadAppConfig({ ...valid, OIDC_MFA_REQUIRED_FOR_ADMINS: 'true' }).oidc,
      ).toBeUndefined();
    });
  });

  describe('the FranceConnect sign-in', () => {
    const franceConnect = {
      FRANCECONNECT_ISSUER: 'https://oidc.franceconnect.gouv.fr/api/v2',
      FRANCECONNECT_CLIENT_ID: 'relais-fc',
      FRANCECONNECT_CLIENT_SECRET: 'a-franceconnect-secret',
      FRANCECONNECT_REDIRECT_URI: 'https://relais.example/auth/person/franceconnect/callback',
    };

    it('reads the four variables, and asks for the identity pivot', () => {
      expect(loadAppConfig({ ...valid, ...franceConnect }).franceConnect).toEqual({
        issuer: franceConnect.FRANCECONNECT_ISSUER,
        clientId: franceConnect.FRANCECONNECT_CLIENT_ID,
        clientSecret: franceConnect.FRANCECONNECT_CLIENT_SECRET,
        redirectUri: franceConnect.FRANCECONNECT_REDIRECT_URI,
        scopes: 'openid given_name family_name birthdate gender birthplace birthcountry',
        postLogoutRedirectUri: 'http://127.0.0.1:3000/mon-espace/connexion',
      });
    });

    it('sends the browser back after FranceConnect’s logout to the person’s sign-in page under PUBLIC_URL, or where FRANCECONNECT_POST_LOGOUT_REDIRECT_URI says', () => {
      expect(
        loadAppConfig({ ...valid, ...franceConnect, PUBLIC_URL: 'https://relais.example' })
          .franceConnect?.postLogoutRedirectUri,
      ).toBe('https://relais.example/mon-espace/connexion');
      expect(
        loadAppConfig({
          ...valid,
          ...franceConnect,
          FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: 'https://relais.example/mon-espace/au-revoir',
        }).franceConnect?.postLogoutRedirectUri,
      ).toBe('https://relais.example/mon-espace/au-revoir');
      expect(
        problemOf({
          ...valid,
          ...franceConnect,
          FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: 'not a url',
        }),
      ).toContain('FRANCECONNECT_POST_LOGOUT_REDIRECT_URI');
    });

    it('names the variable missing when only some are set, without echoing the others', () => {
      const three: Record<string, string> = { ...franceConnect };
      delete three.FRANCECONNECT_CLIENT_SECRET;
      const message = problemOf({ ...valid, ...three });
      expect(message).toBe(
        'Configuration error: FRANCECONNECT_CLIENT_SECRET is required: the FranceConnect sign-in needs FRANCECONNECT_ISSUER, FRANCECONNECT_CLIENT_ID, FRANCECONNECT_CLIENT_SECRET, FRANCECONNECT_REDIRECT_URI together.',
      );
      expect(message).not.toContain('relais-fc');
    });

    it('refuses a plain http issuer away from this machine', () => {
      expect(
        problemOf({ ...valid, ...franceConnect, FRANCECONNECT_ISSUER: 'http://fc.example/api' }),
      ).toContain('FRANCECONNECT_ISSUER');
    });

    it('is off when none is set', () => {
      expect(loadAppConfig(valid).franceConnect).toBeUndefined();
    });
  });

  describe('email', () => {
    it('reads the SMTP server, the sender and the digest hour', () => {
      const config = loadAppConfig({
        ...valid,
        SMTP_URL: 'smtps://relais:secret@smtp.example.gouv.fr:465',
        MAIL_FROM: 'Relais Lyon <relais@example.gouv.fr>',
        EMAIL_DIGEST_HOUR: '18',
      });
      expect(config.smtp).toEqual({ url: 'smtps://relais:secret@smtp.example.gouv.fr:465' });
      expect(config.mailFrom).toBe('Relais Lyon <relais@example.gouv.fr>');
      expect(config.emailDigestHour).toBe(18);
      expect(loadAppConfig({ ...valid, MAIL_FROM: 'relais@example.gouv.fr' }).mailFrom).toBe(
        'relais@example.gouv.fr',
      );
    });

    it('refuses another scheme, a bad sender or an hour out of the day, without echoing the URL', () => {
      const message = problemOf({
        ...valid,
        SMTP_URL: 'http://relais:secret@smtp.example:25',
        MAIL_FROM: 'Relais <pas une adresse>',
        EMAIL_DIGEST_HOUR: '24',
      });
      expect(message).toContain('SMTP_URL is invalid: expected a URL like smtp://');
      expect(message).toContain('MAIL_FROM is invalid: expected an address');
      expect(message).toContain(
        'EMAIL_DIGEST_HOUR is invalid: expected a whole number of hours between 0 and 23',
      );
      expect(message).not.toContain('secret');
      expect(message.split('\n')).toHaveLength(1);
    });

    it('refuses to boot in production without SMTP_URL, MAIL_FROM or PUBLIC_URL', () => {
      // Production never leaves the emails waiting (PENDING) for a server nobody configured.
      expect(problemOf({ ...production, SMTP_URL: '' })).toBe(
        'Configuration error: SMTP_URL (the SMTP server the emails go through, smtp://user:password@host:587 or smtps://host:465) is required in production.',
      );
      expect(problemOf({ ...production, MAIL_FROM: '' })).toBe(
        'Configuration error: MAIL_FROM (the sender of the emails) is required in production.',
      );
      expect(problemOf({ ...production, PUBLIC_URL: '' })).toBe(
        'Configuration error: PUBLIC_URL (where people reach Relais, for the links in emails) is required in production.',
      );
      // Named before the audit key, the last of the production checks.
      expect(problemOf({ ...production, SMTP_URL: '', AUDIT_CHAIN_KEY: '' })).toContain('SMTP_URL');
      const config = loadAppConfig(production);
      expect(config.smtp).toEqual({ url: 'smtp://smtp.example:587' });
      expect(config.mailFrom).toBe('relais@example.gouv.fr');
      expect(config.publicUrl).toBe('https://relais.example.gouv.fr');
      // Outside production the emails may wait for a server.
      expect(loadAppConfig({ ...valid, NODE_ENV: 'test' }).smtp).toBeUndefined();
    });

    it('links emails to the local server when PUBLIC_URL is unset outside production', () => {
      expect(loadAppConfig({ ...valid, PORT: '4100' }).publicUrl).toBe('http://127.0.0.1:4100');
      expect(loadAppConfig({ ...valid, PUBLIC_URL: 'http://localhost:5173/' }).publicUrl).toBe(
        'http://localhost:5173',
      );
    });
  });

  describe('observability', () => {
    it('serves metrics on METRICS_PORT, bound to HOST unless METRICS_HOST says otherwise', () => {
      expect(loadAppConfig({ ...valid, HOST: '0.0.0.0', METRICS_PORT: '9464' }).metrics).toEqual({
        host: '0.0.0.0',
        port: 9464,
      });
      expect(
        loadAppConfig({ ...valid, METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics,
      ).toEqual({ host: '10.0.0.5', port: 9464 });
    });

    it('never serves the metrics on the API port', () => {
      expect(problemOf({ ...valid, PORT: '8080', METRICS_PORT: '8080' })).toBe(
        'Configuration error: METRICS_PORT is invalid: the metrics are never served on the API port (PORT).',
      );
    });

    it('traces to an OTLP endpoint under the service name relais unless told otherwise', () => {
      expect(
        loadAppConfig({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing,
      ).toEqual({ endpoint: 'http://collector:4318', serviceName: 'relais' });
      expect(problemOf({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toContain(
        'OTEL_EXPORTER_OTLP_ENDPOINT is invalid: expected an http:// or https:// URL',
      );
    });

    it('reports to Sentry with a DSN naming a key and a project, without echoing it', () => {
      expect(
        loadAppConfig({
          ...valid,
          SENTRY_DSN: 'https://abc123@sentry.example.org/42',
          SENTRY_ENVIRONMENT: 'staging',
        }).sentry,
      ).toEqual({
        dsn: 'https://abc123@sentry.example.org/42',
        environment: 'staging',
        release: undefined,
      });
      const message = problemOf({ ...valid, SENTRY_DSN: 'https://sentry.example.org/secret-x' });
      expect(message).toContain('SENTRY_DSN is invalid');
      expect(message).not.toContain('secret-x');
    });
  });

  it('reports every bad variable at once, on one line, without echoing values', () => {
    const message = problemOf({ DATABASE_URL: 'mysql://user:hunter2@db/x', PORT: 'x' });
    expect(message).toMatch(/^Configuration error: .+; .+\.$/);
    expect(message).toContain('DATABASE_URL is invalid');
    expect(message).toContain('PORT is invalid');
    expect(message).not.toContain('hunter2');
    expect(message.split('\n')).toHaveLength(1);
  });
});
