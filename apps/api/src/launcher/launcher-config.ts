import { ConfigError, loadAppConfig } from '@relais/core';

/** Stands in for DATABASE_URL when it is unset: the embedded PostgreSQL's URL comes later. */
const EMBEDDED_DATABASE_PLACEHOLDER = 'postgres://x@x/x';

/**
 * What `npm start` checks before it starts anything: the API's configuration as the launcher
 * will pass it on, everything but a missing DATABASE_URL (the embedded PostgreSQL then). The
 * ConfigError's one-line message when the API would refuse it, else undefined.
 */
export function launcherConfigProblem(
  env: Record<string, string | undefined>,
): string | undefined {
  try {
    loadAppConfig({ ...env, DATABASE_URL: env.DATABASE_URL || EMBEDDED_DATABASE_PLACEHOLDER });
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}
