/**
 * `npm run retention -- [--dry-run]`: the daily retention job, run once now (decision 0014), on
 * DATABASE_URL or, without it, on the embedded PostgreSQL of .data/ (shared with a running
 * `npm start`). Prints one line per step with its counts; `--dry-run` counts and changes
 * nothing. Exits 1 when another run holds the retention lock.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { describeRetention, RetentionService } from '@relais/lifecycle';
import { openLocalDatabase } from '../launcher/local-database.js';
import { runTool } from './run-tool.js';

const say = (line: string): void => void process.stdout.write(`relais: ${line}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) throw new Error(`usage: npm run retention -- [--dry-run]`);
  const dryRun = args.includes('--dry-run');
  const database = await openLocalDatabase({ shareRunning: true, onStart: say });
  url = database.url;
  try {
    const dataSource = new DataSource(
      await buildDataSourceOptions({ url, poolSize: 2, applicationName: 'relais-retention' }),
    );
    await dataSource.initialize();
    try {
      const [found] = await dataSource.query<{ table: string | null }[]>(
        `SELECT to_regclass('access_log_anchor')::text AS "table"`,
      );
      if (!found?.table) throw new Error('the database is not migrated: run npm run migration:run');
      const report = await RetentionService.on(dataSource).run({ dryRun });
      if (!report) throw new Error('another retention run holds the lock: try again later');
      say(dryRun ? 'retention, dry run: nothing was changed' : 'retention:');
      for (const line of describeRetention(report)) say(line);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.release();
  }
}

let url = '';
runTool('retention', main, () => url);
