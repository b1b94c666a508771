import { closeSync, fstatSync, openSync } from 'node:fs';
import { z } from 'zod';

/** The shapes of single environment variables, each with the message a wrong value gets. */

/** A variable holding a URL: trimmed, parsed, and accepted when `accepts` says so. */
export function urlVariable(accepts: (url: URL) => boolean, message: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return accepts(new URL(value));
        } catch {
          return false;
        }
      },
      { message },
    );
}

export const postgresUrl = urlVariable(
  (url) =>
    (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
    url.hostname !== '' &&
    url.pathname.length > 1,
  'expected a URL like postgres://user:password@host:5432/database',
);

export const redisUrl = urlVariable(
  (url) => (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '',
  'expected a URL like redis://host:6379',
);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on a loopback address (a provider or callback on the developer's machine). */
export const webUrl = urlVariable(
  (url) =>
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))),
  'expected an https:// URL (http:// only on a loopback address), without query',
);

/** An http(s) URL without credentials, query or fragment (a collector's address). */
export const collectorUrl = urlVariable(
  (url) =>
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash,
  'expected an http:// or https:// URL without credentials or query',
);

/** The SMTP server: `smtp://` (STARTTLS when offered) or `smtps://` (TLS), with optional credentials. */
export const smtpUrl = urlVariable(
  (url) =>
    (url.protocol === 'smtp:' || url.protocol === 'smtps:') &&
    url.hostname !== '' &&
    (url.pathname === '' || url.pathname === '/') &&
    !url.search &&
    !url.hash,
  'expected a URL like smtp://user:password@host:587 or smtps://host:465',
);

/** `address@domain` or `Display name <address@domain>` (a From header). */
export const mailbox = z
  .string()
  .trim()
  .max(320, { message: 'expected at most 320 characters' })
  .refine(
    (value) =>
      /^(?:[^<>@\r\n]*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)$/.test(
        value,
      ),
    {
      message:
        'expected an address, optionally with a display name: Relais <ne-pas-repondre@example.gouv.fr>',
    },
  );

/** Sentry's DSN: `https://<public key>@<host>/<project id>`. */
export const sentryDsn = urlVariable(
  (url) =>
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username !== '' &&
    /^\/(.*\/)?\d+$/.test(url.pathname),
  'expected a DSN like https://publickey@sentry.example.org/42',
);

/** A file this process can open and read (the check the TLS connection will do, made first). */
export function isReadableFile(path: string): boolean {
  try {
    const descriptor = openSync(path, 'r');
    try {
      return fstatSync(descriptor).isFile();
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false;
  }
}

export const port = z.coerce
  .number({ message: 'expected a whole number between 0 and 65535' })
  .int({ message: 'expected a whole number between 0 and 65535' })
  .min(0, { message: 'expected a whole number between 0 and 65535' })
  .max(65535, { message: 'expected a whole number between 0 and 65535' });
