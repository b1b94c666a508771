import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { PostgresTlsError } from './postgres-connection.js';

interface ErrorWithCode {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

function safeTarget(url: string): { host: string; port: string; database: string; user: string } {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname,
      port: parsed.port || '5432',
      database: decodeURIComponent(parsed.pathname.slice(1)),
      user: decodeURIComponent(parsed.username),
    };
  } catch {
    return { host: '?', port: '?', database: '?', user: '?' };
  }
}

/** node:tls's reasons to refuse the server's certificate (sslmode=verify-ca, verify-full). */
const TLS_VERIFICATION_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function codeOf(error: unknown): string | undefined {
  const candidate = error as ErrorWithCode | undefined;
  if (typeof candidate?.code === 'string') return candidate.code;
  // Node reports a failed connection to every resolved address as an AggregateError.
  if (Array.isArray(candidate?.errors)) {
    for (const inner of candidate.errors) {
      const code = codeOf(inner);
      if (code) return code;
    }
  }
  return undefined;
}

/**
 * Turns a failure to reach or use PostgreSQL into one line that says what is wrong and what to
 * do. The password is never printed.
 */
export function describeDatabaseError(error: unknown, url: string): string {
  if (error instanceof PostgresTlsError) return error.message;
  const { host, port, database, user } = safeTarget(url);
  const where = `PostgreSQL at ${host}:${port}`;
  const message = (error as ErrorWithCode | undefined)?.message;
  if (message === 'The server does not support SSL connections') {
    return `${where} does not offer TLS, which the sslmode of DATABASE_URL demands: turn ssl on in the server, or use sslmode=prefer or disable.`;
  }
  const code = codeOf(error);
  if (code && TLS_VERIFICATION_CODES.has(code)) {
    return `${where} presented a certificate that could not be verified (${String(message)}): set DATABASE_CA_FILE to the CA that signed it, or correct the host or the sslmode of DATABASE_URL.`;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: start it, or correct the host and port in DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host "${host}" of DATABASE_URL cannot be resolved: correct DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} did not answer in time: check that it runs and that the network lets you reach it.`;
    case '28P01':
    case '28000':
      return `${where} refused user "${user}": correct the user or password in DATABASE_URL.`;
    case '3D000':
      return `The database "${database}" does not exist on ${where}: create it (npm run migration:run does), or name an existing one in DATABASE_URL.`;
    case '42501':
      return `User "${user}" lacks a privilege on ${where} (${String((error as ErrorWithCode).message)}): grant it, or use another user in DATABASE_URL.`;
    case '57P03':
      return `${where} is starting up or shutting down: try again in a few seconds.`;
    case '53300':
      return `${where} has no connection slot left: raise max_connections or lower DATABASE_POOL_SIZE.`;
    default: {
      return `${where} could not be used: ${typeof message === 'string' ? message.split('\n')[0] : String(error)}.`;
    }
  }
}

/** SQLSTATEs of a database that is going away, starting, or out of connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/*
 * TypeORM releases a query runner whose connection broke; a transaction that goes on with it
 * meets these errors instead of the connection's own (seen when PostgreSQL restarts under load).
 */

/**
 * Whether an error means PostgreSQL cannot be reached or used for now (restarting, down, out of
 * connections), as opposed to a fault of the request: clients are told to retry later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code =
    codeOf(error) ?? codeOf((error as { driverError?: unknown } | undefined)?.driverError);
  if (
    code &&
    (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code))
  ) {
    return true;
  }
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const message = (error as ErrorWithCode | undefined)?.message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((part) => message.includes(part));
}

/** Whether PostgreSQL refused a value of the request itself (a NUL character, a bad encoding). */
export function isInvalidTextValue(error: unknown): boolean {
  const code =
    codeOf(error) ?? codeOf((error as { driverError?: unknown } | undefined)?.driverError);
  return code === '22021' || code === '22P05';
}
