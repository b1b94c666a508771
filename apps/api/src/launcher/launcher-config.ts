import { createServer } from 'node:net';
import { ConfigError, loadAppConfig } from '@relais/core';
import { addressInUseLine, isAddressInUse } from '../startup-failure.js';

/** Stands in for DATABASE_URL when it is unset: the embedded PostgreSQL's URL comes later. */
const EMBEDDED_DATABASE_PLACEHOLDER = 'postgres://x@x/x';

/**
 * What `npm start` checks before it starts anything: the API's configuration as the launcher
 * will pass it on, everything but a missing DATABASE_URL (the embedded PostgreSQL then). The
 * ConfigError's one-line message when the API would refuse it, else undefined.
 */
export function launcherConfigProblem(env: Record<string, string | undefined>): string | undefined {
  try {
    loadAppConfig({ ...env, DATABASE_URL: env.DATABASE_URL || EMBEDDED_DATABASE_PLACEHOLDER });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/**
 * Whether the API's address is free, checked before the database is prepared: a port already
 * taken is said in a second, not after PostgreSQL, the migrations and the demo data. The line to
 * print when it is taken, else undefined (the API still reports a port taken in between).
 * Call it once `launcherConfigProblem` found nothing.
 */
export async function launcherPortProblem(
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const { host, port } = loadAppConfig({
    ...env,
    DATABASE_URL: env.DATABASE_URL || EMBEDDED_DATABASE_PLACEHOLDER,
  });
  if (port === 0) return undefined;
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error) =>
      resolve(isAddressInUse(error) ? addressInUseLine(host, port) : undefined),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}
