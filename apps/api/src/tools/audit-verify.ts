/**
 * `npm run audit:verify`: checks the hash chains of the tamper-evident logs, on DATABASE_URL or,
 * without it, on the embedded PostgreSQL of .data/ (shared with a running `npm start`). Prints
 * one line per chain; exits 1 when one is broken, naming its first broken row. Read-only: it
 * neither creates the database nor migrates it.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { verifyAccessLog, verifyAdminAudit } from '@relais/access';
import { buildDataSourceOptions } from '@relais/database';
import { openLocalDatabase } from '../launcher/local-database.js';
import { runTool } from './run-tool.js';

/** One chain of a log (the access log keeps one per territory), as verified. */
interface VerifiedChain {
  readonly label: string;
  readonly rowsChecked: number;
  readonly firstBreak: {
    readonly id: string | null;
    readonly reason: string;
    readonly detail: string;
  } | null;
}

/** A tamper-evident log this tool checks; another log (the admin audit) adds one entry. */
interface AuditedLog {
  readonly name: string;
  /** Its table, which an unmigrated database lacks. */
  readonly table: string;
  verify(dataSource: DataSource): Promise<readonly VerifiedChain[]>;
}

const auditedLogs: readonly AuditedLog[] = [
  {
    name: 'access log',
    table: 'access_log',
    async verify(dataSource) {
      const report = await verifyAccessLog(dataSource);
      return report.territories.map((territory) => ({
        label: `territory ${territory.territoryCode ?? territory.territoryId}`,
        rowsChecked: territory.rowsChecked,
        firstBreak: territory.firstBreak,
      }));
    },
  },
  {
    name: 'admin audit',
    table: 'admin_audit_event',
    async verify(dataSource) {
      const report = await verifyAdminAudit(dataSource);
      return [{ label: 'one chain', ...report }];
    },
  },
];

const say = (line: string): void => void process.stdout.write(`relais: ${line}\n`);

/** Prints the chains of one log; returns whether they all hold. */
function printChains(log: AuditedLog, chains: readonly VerifiedChain[]): boolean {
  if (chains.length === 0) say(`${log.name}: empty, OK`);
  for (const chain of chains) {
    const where = `${log.name}, ${chain.label}`;
    const rows = `${chain.rowsChecked} row${chain.rowsChecked === 1 ? '' : 's'} checked`;
    if (!chain.firstBreak) {
      say(`${where}: ${rows}, OK`);
      continue;
    }
    const { id, reason, detail } = chain.firstBreak;
    say(`${where}: ${rows}, BROKEN`);
    say(`${where}: first broken row ${id ?? '(none left)'}: ${reason} (${detail})`);
  }
  return chains.every((chain) => !chain.firstBreak);
}

let url = '';
runTool(
  'audit',
  async () => {
    const database = await openLocalDatabase({ shareRunning: true, onStart: say });
    url = database.url;
    try {
      const dataSource = new DataSource(
        buildDataSourceOptions({ url, poolSize: 1, applicationName: 'relais-audit-verify' }),
      );
      await dataSource.initialize();
      try {
        let intact = true;
        for (const log of auditedLogs) {
          const [found] = await dataSource.query<{ table: string | null }[]>(
            'SELECT to_regclass($1)::text AS "table"',
            [log.table],
          );
          if (!found?.table) {
            throw new Error(`${log.name}: no table ${log.table} yet: run npm run migration:run`);
          }
          if (!printChains(log, await log.verify(dataSource))) intact = false;
        }
        if (!intact) process.exitCode = 1;
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await database.release();
    }
  },
  () => url,
);
