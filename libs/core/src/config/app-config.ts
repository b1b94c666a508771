import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
          url.hostname !== '' &&
          url.pathname.length > 1
        );
      } catch {
        return false;
      }
    },
    { message: 'expected a URL like postgres://user:password@host:5432/database' },
  );

const redisUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'expected a URL like redis://host:6379' },
  );

const port = z.coerce
  .number({ message: 'expected a whole number between 0 and 65535' })
  .int({ message: 'expected a whole number between 0 and 65535' })
  .min(0, { message: 'expected a whole number between 0 and 65535' })
  .max(65535, { message: 'expected a whole number between 0 and 65535' });

/** Every variable the API reads. Unknown variables are ignored; empty strings count as unset. */
const apiEnvironmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      message: 'expected one of development, test, production',
    })
    .default('development'),
  HOST: z
    .string()
    .trim()
    .min(1, { message: 'expected a host name or address' })
    .default('127.0.0.1'),
  PORT: port.default(3000),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'expected a whole number between 1 and 200' })
    .int({ message: 'expected a whole number between 1 and 200' })
    .min(1, { message: 'expected a whole number between 1 and 200' })
    .max(200, { message: 'expected a whole number between 1 and 200' })
    .default(10),
  REDIS_URL: redisUrl.optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  AUTH_TOKEN_SECRET: z
    .string()
    .min(32, { message: 'expected at least 32 characters (for example: openssl rand -base64 48)' })
    .optional(),
  DEV_SIGN_IN: z.enum(['true', 'false'], { message: 'expected true or false' }).default('false'),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly redisUrl: string | undefined;
  readonly logLevel: LogLevel;
  /** Signs access tokens. Random per process when unset outside production (tokens die with it). */
  readonly authTokenSecret: string;
  /** `POST /auth/dev/sign-in`: sign in by email alone, for the demo. Never in production. */
  readonly devSignIn: boolean;
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
  return {
    nodeEnv: value.NODE_ENV,
    host: value.HOST,
    port: value.PORT,
    databaseUrl: value.DATABASE_URL,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    redisUrl: value.REDIS_URL,
    logLevel: value.LOG_LEVEL,
    authTokenSecret: value.AUTH_TOKEN_SECRET ?? randomBytes(48).toString('base64url'),
    devSignIn: value.DEV_SIGN_IN === 'true',
  };
}
