import { ConfigError } from '@relais/core';
import { describeDatabaseError, EmbeddedPostgresError } from '@relais/database';

/** Runs a developer tool; a failure ends it with one line, not a stack trace. */
export function runTool(name: string, work: () => Promise<void>, databaseUrl?: () => string): void {
  work().catch((error: unknown) => {
    let line: string;
    if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
      line = error.message;
    } else if (databaseUrl && typeof (error as { code?: unknown })?.code === 'string') {
      line = describeDatabaseError(error, databaseUrl());
    } else {
      line =
        error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
    }
    process.stderr.write(`relais ${name}: ${line}\n`);
    process.exit(1);
  });
}
