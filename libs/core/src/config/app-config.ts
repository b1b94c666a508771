import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  collectorUrl,
  isReadableFile,
  mailbox,
  port,
  postgresUrl,
  redisUrl,
  sentryDsn,
  smtpUrl,
  webUrl,
} from './config-variables.js';
import { LEGAL_ENVIRONMENT, type LegalNotice, legalNoticeFrom } from './legal-config.js';
import { type TrustProxy, trustProxySchema } from './trust-proxy.js';

/** ProConnect's identity: its pivot claims (`uid` and `siret` may be added). */
export const DEFAULT_OIDC_SCOPES = 'openid email given_name usual_name';

/** SHUTDOWN_DRAIN_SECONDS in production: a few health checks of a load balancer. */
const DEFAULT_DRAIN_SECONDS = 5;

/** The sender outside production when MAIL_FROM is unset (`.invalid`: never a real domain). */
export const DEFAULT_MAIL_FROM = 'Relais <ne-pas-repondre@relais.invalid>';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable the API reads. Unknown variables are ignored; empty strings count as unset. */
const apiEnvironmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      message: 'expected one of development, test, production',
    })
    .default('development'),
  // Unset: 0.0.0.0 when the platform sets PORT, else 127.0.0.1 (see loadAppConfig).
  HOST: z.string().trim().min(1, { message: 'expected a host name or address' }).optional(),
  PORT: port.default(3000),
  DATABASE_URL: postgresUrl,
  DATABASE_CA_FILE: z
    .string()
    .trim()
    .refine(isReadableFile, {
      message: "expected the path of a readable file (the PEM certificate of the server's CA)",
    })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'expected a whole number between 1 and 200' })
    .int({ message: 'expected a whole number between 1 and 200' })
    .min(1, { message: 'expected a whole number between 1 and 200' })
    .max(200, { message: 'expected a whole number between 1 and 200' })
    .default(10),
  REDIS_URL: redisUrl.optional(),
  TRUST_PROXY: trustProxySchema.optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  AUTH_TOKEN_SECRET: z
    .string()
    .min(32, { message: 'expected at least 32 characters (for example: openssl rand -base64 48)' })
    .optional(),
  AUDIT_CHAIN_KEY: z
    .string()
    .min(32, { message: 'expected at least 32 characters (for example: openssl rand -base64 48)' })
    .optional(),
  DEV_SIGN_IN: z.enum(['true', 'false'], { message: 'expected true or false' }).default('false'),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false'),
  OIDC_ISSUER: webUrl.optional(),
  OIDC_CLIENT_ID: z
    .string()
    .trim()
    .min(1, { message: 'expected the client id the provider gave' })
    .max(255, { message: 'expected at most 255 characters' })
    .optional(),
  OIDC_CLIENT_SECRET: z
    .string()
    .max(1000, { message: 'expected at most 1000 characters' })
    .optional(),
  OIDC_REDIRECT_URI: webUrl.optional(),
  OIDC_SCOPES: z
    .string()
    .trim()
    .refine((value) => /^[^\s"\\]+( [^\s"\\]+)*$/.test(value), {
      message: 'expected scopes separated by single spaces',
    })
    .refine((value) => value.split(' ').includes('openid'), {
      message: 'expected the openid scope among them',
    })
    .default(DEFAULT_OIDC_SCOPES),
  OIDC_MFA_REQUIRED_FOR_ADMINS: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false'),
  OIDC_POST_LOGOUT_REDIRECT_URI: webUrl.optional(),
  FRANCECONNECT_ISSUER: webUrl.optional(),
  FRANCECONNECT_CLIENT_ID: z
    .string()
    .trim()
    .min(1, { message: 'expected the client id FranceConnect gave' })
    .max(255, { message: 'expected at most 255 characters' })
    .optional(),
  FRANCECONNECT_CLIENT_SECRET: z
    .string()
    .max(1000, { message: 'expected at most 1000 characters' })
    .optional(),
  FRANCECONNECT_REDIRECT_URI: webUrl.optional(),
  FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: webUrl.optional(),
  PUBLIC_URL: webUrl.optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: mailbox.optional(),
  EMAIL_DIGEST_HOUR: z.coerce
    .number({ message: 'expected a whole number of hours between 0 and 23' })
    .int({ message: 'expected a whole number of hours between 0 and 23' })
    .min(0, { message: 'expected a whole number of hours between 0 and 23' })
    .max(23, { message: 'expected a whole number of hours between 0 and 23' })
    .default(7),
  RETENTION_SCHEDULE: z
    .enum(['daily', 'off'], { message: 'expected daily or off' })
    .default('daily'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number({ message: 'expected a whole number of seconds between 5 and 3600' })
    .int({ message: 'expected a whole number of seconds between 5 and 3600' })
    .min(5, { message: 'expected a whole number of seconds between 5 and 3600' })
    .max(3600, { message: 'expected a whole number of seconds between 5 and 3600' })
    .default(900),
  LIVE_CONNECTIONS_PER_PRINCIPAL: z.coerce
    .number({ message: 'expected a whole number between 1 and 10000' })
    .int({ message: 'expected a whole number between 1 and 10000' })
    .min(1, { message: 'expected a whole number between 1 and 10000' })
    .max(10000, { message: 'expected a whole number between 1 and 10000' })
    .default(20),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: 'expected a whole number of minutes between 5 and 480' })
    .int({ message: 'expected a whole number of minutes between 5 and 480' })
    .min(5, { message: 'expected a whole number of minutes between 5 and 480' })
    .max(480, { message: 'expected a whole number of minutes between 5 and 480' })
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number({ message: 'expected a whole number of hours between 1 and 168' })
    .int({ message: 'expected a whole number of hours between 1 and 168' })
    .min(1, { message: 'expected a whole number of hours between 1 and 168' })
    .max(168, { message: 'expected a whole number of hours between 1 and 168' })
    .default(12),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ message: 'expected a whole number of seconds between 1 and 600' })
    .int({ message: 'expected a whole number of seconds between 1 and 600' })
    .min(1, { message: 'expected a whole number of seconds between 1 and 600' })
    .max(600, { message: 'expected a whole number of seconds between 1 and 600' })
    .default(10),
  SHUTDOWN_DRAIN_SECONDS: z.coerce
    .number({ message: 'expected a whole number of seconds between 0 and 300' })
    .int({ message: 'expected a whole number of seconds between 0 and 300' })
    .min(0, { message: 'expected a whole number of seconds between 0 and 300' })
    .max(300, { message: 'expected a whole number of seconds between 0 and 300' })
    .optional(),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().trim().min(1, { message: 'expected a host name or address' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl.optional(),
  OTEL_SERVICE_NAME: z
    .string()
    .trim()
    .min(1, { message: 'expected a service name' })
    .max(255, { message: 'expected at most 255 characters' })
    .default('relais'),
  SENTRY_DSN: sentryDsn.optional(),
  SENTRY_ENVIRONMENT: z
    .string()
    .trim()
    .max(64, { message: 'expected at most 64 characters' })
    .refine((value) => !/[\s/]/.test(value), { message: 'expected no spaces or slashes' })
    .optional(),
  SENTRY_RELEASE: z
    .string()
    .trim()
    .max(200, { message: 'expected at most 200 characters' })
    .refine((value) => !/[\s/]/.test(value), { message: 'expected no spaces or slashes' })
    .optional(),
  ...LEGAL_ENVIRONMENT,
});

/** The name of every variable the API reads; the deployment manifests are checked against it. */
export const API_ENVIRONMENT_VARIABLES: readonly string[] = Object.keys(apiEnvironmentSchema.shape);

/** The variables that turn the OIDC sign-in on, all four or none. */
const OIDC_REQUIRED = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
] as const;

/** The variables that turn the person's FranceConnect sign-in on, all four or none. */
const FRANCECONNECT_REQUIRED = [
  'FRANCECONNECT_ISSUER',
  'FRANCECONNECT_CLIENT_ID',
  'FRANCECONNECT_CLIENT_SECRET',
  'FRANCECONNECT_REDIRECT_URI',
] as const;

/**
 * What Relais asks FranceConnect for: the identity pivot (birth name, given names, birth date,
 * sex, town and country of birth), which the person's file is matched against.
 */
export const FRANCECONNECT_SCOPES =
  'openid given_name family_name birthdate gender birthplace birthcountry';

/** The web client's sign-in pages, where a provider's logout lands by default. */
const PROFESSIONAL_SIGN_IN_PATH = '/connexion';
const PERSON_SIGN_IN_PATH = '/mon-espace/connexion';

export type LogLevel = (typeof LOG_LEVELS)[number];

/** Sign-in with an OpenID provider (ProConnect): authorization code with PKCE. */
export interface OidcConfig {
  /** The provider's issuer; its metadata is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API's callback, `GET /auth/oidc/callback`, exactly as registered at the provider. */
  readonly redirectUri: string;
  /** Space-separated, `openid` among them. */
  readonly scopes: string;
  /** Refuse an admin whose sign-in did not use two factors (`amr`). */
  readonly mfaRequiredForAdmins: boolean;
  /**
   * Where the provider sends the browser back after its logout (OIDC_POST_LOGOUT_REDIRECT_URI,
   * registered there); unset, the web client's sign-in page, `<PUBLIC_URL>/connexion`.
   */
  readonly postLogoutRedirectUri: string;
}

/** The person's sign-in with FranceConnect (issue 22): authorization code with PKCE. */
export interface FranceConnectConfig {
  /** FranceConnect's issuer; its metadata is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API's callback, `GET /auth/person/franceconnect/callback`, as registered there. */
  readonly redirectUri: string;
  /** FRANCECONNECT_SCOPES: the identity pivot. */
  readonly scopes: string;
  /**
   * Where FranceConnect sends the browser back after its logout
   * (FRANCECONNECT_POST_LOGOUT_REDIRECT_URI, registered there); unset, the person's sign-in
   * page, `<PUBLIC_URL>/mon-espace/connexion`.
   */
  readonly postLogoutRedirectUri: string;
}

export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** The CA that signed PostgreSQL's certificate, for sslmode=require, verify-ca, verify-full. */
  readonly databaseCaFile: string | undefined;
  readonly databasePoolSize: number;
  readonly redisUrl: string | undefined;
  /** Express's `trust proxy`: the reverse proxies believed about the client's address (none by default). */
  readonly trustProxy: TrustProxy;
  readonly logLevel: LogLevel;
  /** Signs access tokens. Random per process when unset outside production (tokens die with it). */
  readonly authTokenSecret: string;
  /**
   * The key of the audit chains (decision 0008); undefined outside production means the public
   * development key (`auditChainKeyFrom`, which the writers and tools read).
   */
  readonly auditChainKey: string | undefined;
  /** `POST /auth/dev/sign-in`: sign in by email alone, for the demo. Never in production. */
  readonly devSignIn: boolean;
  /** Webhooks to loopback and private addresses, for receivers on 127.0.0.1. Never in production. */
  readonly webhookAllowPrivateAddresses: boolean;
  /** Set when OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI all are. */
  readonly oidc: OidcConfig | undefined;
  /** Set when the four FRANCECONNECT_* variables are. */
  readonly franceConnect: FranceConnectConfig | undefined;
  /**
   * The SMTP server emails go through (SMTP_URL, `smtp://` or `smtps://`); required in
   * production. Unset elsewhere, the emails wait in their delivery rows (PENDING) until one is
   * configured.
   */
  readonly smtp: { readonly url: string } | undefined;
  /** The From of every email (MAIL_FROM), with its display name if given. */
  readonly mailFrom: string;
  /**
   * Where people reach Relais (PUBLIC_URL, no trailing slash), for the links in emails; unset,
   * `http://127.0.0.1:<PORT>` (a developer's machine). Required in production.
   */
  readonly publicUrl: string;
  /** The hour of the daily digest, Europe/Paris (0-23). */
  readonly emailDigestHour: number;
  /** The retention job: every day at 03:15 Europe/Paris, or off (`npm run retention` still works). */
  readonly retentionSchedule: 'daily' | 'off';
  /** How long an access token lives; shorter only to test what happens at expiry. */
  readonly accessTokenTtlSeconds: number;
  /** Live connections (both transports) one account or client may hold on one instance. */
  readonly liveConnectionsPerPrincipal: number;
  /** A session unused this long ends (the web client warns first); minutes. */
  readonly sessionIdleMinutes: number;
  /** A session ends this long after its sign-in, however active; hours. */
  readonly sessionMaxHours: number;
  /**
   * After SIGTERM or SIGINT: for `drainSeconds` the instance goes on serving while its
   * readiness answers 503 (the load balancer's time to notice), then it stops accepting and
   * finishes what is in flight; it exits within `graceSeconds` of the signal, whatever happens.
   */
  readonly shutdown: { readonly drainSeconds: number; readonly graceSeconds: number };
  /** Prometheus's `GET /metrics` on a port of its own (METRICS_PORT), never on the API's. */
  readonly metrics: { readonly host: string; readonly port: number } | undefined;
  /** Traces sent over OTLP/HTTP (JSON) when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  readonly tracing: { readonly endpoint: string; readonly serviceName: string } | undefined;
  /** Error reports to Sentry when SENTRY_DSN is set, scrubbed of personal data. */
  readonly sentry:
    | {
        readonly dsn: string;
        readonly environment: string | undefined;
        readonly release: string | undefined;
      }
    | undefined;
  /** The legal pages' editor, host, director of publication and contacts (LEGAL_*), public. */
  readonly legal: LegalNotice;
}

/** Raised when the environment does not describe a runnable Relais; its message is one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Environment = Record<string, string | undefined>;

function withoutEmptyValues(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

/**
 * Reads and validates the configuration. Throws a ConfigError whose message names every bad
 * variable and what is expected, on one line, without echoing values (they may hold secrets).
 */
export function loadAppConfig(env: Environment = process.env): AppConfig {
  const given = withoutEmptyValues(env);
  const result = apiEnvironmentSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      return given[variable] === undefined
        ? `${variable} is required`
        : `${variable} is invalid: ${issue.message}`;
    });
    throw new ConfigError(`Configuration error: ${problems.join('; ')}.`);
  }
  const value = result.data;
  const production = value.NODE_ENV === 'production';
  if (production && !value.AUTH_TOKEN_SECRET) {
    throw new ConfigError('Configuration error: AUTH_TOKEN_SECRET is required in production.');
  }
  if (production && value.DEV_SIGN_IN === 'true') {
    throw new ConfigError(
      'Configuration error: DEV_SIGN_IN is invalid: the development sign-in is never allowed in production.',
    );
  }
  if (production && value.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true') {
    throw new ConfigError(
      'Configuration error: WEBHOOK_ALLOW_PRIVATE_ADDRESSES is invalid: webhooks to loopback and private addresses are never allowed in production.',
    );
  }
  for (const [required, what] of [
    [OIDC_REQUIRED, 'the OIDC sign-in'],
    [FRANCECONNECT_REQUIRED, 'the FranceConnect sign-in'],
  ] as const) {
    const missing = required.filter((variable) => value[variable] === undefined);
    if (missing.length > 0 && missing.length < required.length) {
      throw new ConfigError(
        `Configuration error: ${missing.map((variable) => `${variable} is required`).join('; ')}: ${what} needs ${required.join(', ')} together.`,
      );
    }
  }
  if (
    value.METRICS_PORT !== undefined &&
    value.METRICS_PORT !== 0 &&
    value.METRICS_PORT === value.PORT
  ) {
    throw new ConfigError(
      'Configuration error: METRICS_PORT is invalid: the metrics are never served on the API port (PORT).',
    );
  }
  // A load balancer in front is the production case; elsewhere nobody waits for readiness.
  const drainSeconds = value.SHUTDOWN_DRAIN_SECONDS ?? (production ? DEFAULT_DRAIN_SECONDS : 0);
  if (drainSeconds >= value.SHUTDOWN_GRACE_SECONDS) {
    throw new ConfigError(
      value.SHUTDOWN_DRAIN_SECONDS === undefined
        ? `Configuration error: SHUTDOWN_GRACE_SECONDS is invalid: expected more than the ${drainSeconds} seconds of SHUTDOWN_DRAIN_SECONDS (its production default), which it includes.`
        : 'Configuration error: SHUTDOWN_DRAIN_SECONDS is invalid: expected fewer seconds than SHUTDOWN_GRACE_SECONDS, which includes the drain.',
    );
  }
  // A platform that sets PORT (Scalingo, Clever Cloud, Heroku) routes to it on the container's
  // interface; on a developer's machine nothing outside it should reach the API.
  const host = value.HOST ?? (given.PORT === undefined ? '127.0.0.1' : '0.0.0.0');
  // Production never keeps the emails waiting for a server nobody configured.
  if (production && !value.SMTP_URL) {
    throw new ConfigError(
      'Configuration error: SMTP_URL (the SMTP server the emails go through, smtp://user:password@host:587 or smtps://host:465) is required in production.',
    );
  }
  if (production && !value.MAIL_FROM) {
    throw new ConfigError(
      'Configuration error: MAIL_FROM (the sender of the emails) is required in production.',
    );
  }
  if (production && !value.PUBLIC_URL) {
    throw new ConfigError(
      'Configuration error: PUBLIC_URL (where people reach Relais, for the links in emails) is required in production.',
    );
  }
  // Last, so that the problems above are named first.
  if (production && !value.AUDIT_CHAIN_KEY) {
    throw new ConfigError('Configuration error: AUDIT_CHAIN_KEY is required in production.');
  }
  const publicUrl = (value.PUBLIC_URL ?? `http://127.0.0.1:${value.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: value.NODE_ENV,
    host,
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    databaseCaFile: value.DATABASE_CA_FILE,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    redisUrl: value.REDIS_URL,
    trustProxy: value.TRUST_PROXY ?? false,
    logLevel: value.LOG_LEVEL,
    authTokenSecret: value.AUTH_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
    auditChainKey: value.AUDIT_CHAIN_KEY,
    devSignIn: value.DEV_SIGN_IN === 'true',
    webhookAllowPrivateAddresses: value.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true',
    oidc:
      value.OIDC_ISSUER &&
      value.OIDC_CLIENT_ID &&
      value.OIDC_CLIENT_SECRET &&
      value.OIDC_REDIRECT_URI
        ? {
            issuer: value.OIDC_ISSUER,
            clientId: value.OIDC_CLIENT_ID,
            clientSecret: value.OIDC_CLIENT_SECRET,
            redirectUri: value.OIDC_REDIRECT_URI,
            scopes: value.OIDC_SCOPES,
            mfaRequiredForAdmins: value.OIDC_MFA_REQUIRED_FOR_ADMINS === 'true',
            postLogoutRedirectUri:
              value.OIDC_POST_LOGOUT_REDIRECT_URI ?? `${publicUrl}${PROFESSIONAL_SIGN_IN_PATH}`,
          }
        : undefined,
    franceConnect:
      value.FRANCECONNECT_ISSUER &&
      value.FRANCECONNECT_CLIENT_ID &&
      value.FRANCECONNECT_CLIENT_SECRET &&
      value.FRANCECONNECT_REDIRECT_URI
        ? {
            issuer: value.FRANCECONNECT_ISSUER,
            clientId: value.FRANCECONNECT_CLIENT_ID,
            clientSecret: value.FRANCECONNECT_CLIENT_SECRET,
            redirectUri: value.FRANCECONNECT_REDIRECT_URI,
            scopes: FRANCECONNECT_SCOPES,
            postLogoutRedirectUri:
              value.FRANCECONNECT_POST_LOGOUT_REDIRECT_URI ?? `${publicUrl}${PERSON_SIGN_IN_PATH}`,
          }
        : undefined,
    smtp: value.SMTP_URL ? { url: value.SMTP_URL } : undefined,
    mailFrom: value.MAIL_FROM ?? DEFAULT_MAIL_FROM,
    publicUrl,
    emailDigestHour: value.EMAIL_DIGEST_HOUR,
    retentionSchedule: value.RETENTION_SCHEDULE,
    accessTokenTtlSeconds: value.ACCESS_TOKEN_TTL_SECONDS,
    liveConnectionsPerPrincipal: value.LIVE_CONNECTIONS_PER_PRINCIPAL,
    sessionIdleMinutes: value.SESSION_IDLE_MINUTES,
    sessionMaxHours: value.SESSION_MAX_HOURS,
    shutdown: { drainSeconds, graceSeconds: value.SHUTDOWN_GRACE_SECONDS },
    metrics:
      value.METRICS_PORT === undefined
        ? undefined
        : { host: value.METRICS_HOST ?? host, port: value.METRICS_PORT },
    tracing: value.OTEL_EXPORTER_OTLP_ENDPOINT
      ? { endpoint: value.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: value.OTEL_SERVICE_NAME }
      : undefined,
    sentry: value.SENTRY_DSN
      ? {
          dsn: value.SENTRY_DSN,
          environment: value.SENTRY_ENVIRONMENT,
          release: value.SENTRY_RELEASE,
        }
      : undefined,
    legal: legalNoticeFrom(value),
  };
}
