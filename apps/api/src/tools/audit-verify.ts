/**
 * `npm run audit:verify`: checks the keyed hash chains of the tamper-evident logs, on
 * DATABASE_URL or, without it, on the embedded PostgreSQL of .data/ (shared with a running
 * `npm start`), with AUDIT_CHAIN_KEY (or the key `npm start` keeps in .data/audit-key). Prints
 * one line per chain; exits 1 when one is broken, naming its first broken row. Read-only: it
 * neither creates the database nor migrates it.
 *
 * `--print-heads`: once every chain holds, prints each chain's head as a JSON line on stdout
 * (the report goes to stderr), for the operator to keep outside the database.
 * `--heads <file>`: also checks that every head recorded in that file is still in its chain,
 * unchanged; exits 1, naming the chain and what changed, when one is not.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { type ChainHead, verifyAccessLog, verifyAdminAudit } from '@relais/access';
import { auditChainKeyFrom, type AuditChainKey } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { ACCESS_LOG_MONTHS } from '@relais/lifecycle';
import { openLocalDatabase, useKeptAuditChainKey } from '../launcher/local-database.js';
import { checkRecordedHeads, parseRecordedHeads, type RecordedHead } from './audit-heads.js';
import { runTool } from './run-tool.js';

/** One chain of a log (the access log keeps one per territory), as verified. */
interface VerifiedChain {
  /** The territory's id, or `admin`. */
  readonly chain: string;
  readonly label: string;
  readonly rowsChecked: number;
  readonly firstBreak: {
    readonly id: string | null;
    readonly reason: string;
    readonly detail: string;
  } | null;
  readonly head: ChainHead | null;
}

/** A tamper-evident log this tool checks; another log (the admin audit) adds one entry. */
interface AuditedLog {
  readonly log: RecordedHead['log'];
  readonly name: string;
  /** Its table, which an unmigrated database lacks. */
  readonly table: string;
  verify(dataSource: DataSource, key: AuditChainKey): Promise<readonly VerifiedChain[]>;
}

const auditedLogs: readonly AuditedLog[] = [
  {
    log: 'access_log',
    name: 'access log',
    table: 'access_log',
    async verify(dataSource, key) {
      const report = await verifyAccessLog(dataSource, { key });
      return report.territories.map((territory) => ({
        chain: territory.territoryId,
        label: `territory ${territory.territoryCode ?? territory.territoryId}`,
        rowsChecked: territory.rowsChecked,
        firstBreak: territory.firstBreak,
        head: territory.head,
      }));
    },
  },
  {
    log: 'admin_audit',
    name: 'admin audit',
    table: 'admin_audit_event',
    async verify(dataSource, key) {
      const report = await verifyAdminAudit(dataSource, key);
      return [{ chain: 'admin', label: 'one chain', ...report }];
    },
  },
];

interface Options {
  readonly printHeads: boolean;
  readonly headsFile: string | undefined;
}

function parseOptions(args: readonly string[]): Options {
  let printHeads = false;
  let headsFile: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--print-heads') printHeads = true;
    else if (arg === '--heads' && args[index + 1]) headsFile = args[++index];
    else if (arg.startsWith('--heads=') && arg.length > 8) headsFile = arg.slice(8);
    else throw new Error(`usage: audit:verify [--print-heads] [--heads <file>] (not ${arg})`);
  }
  return { printHeads, headsFile };
}

// With --print-heads, stdout carries the heads only, so it can be redirected to a file.
const report = process.argv.includes('--print-heads') ? process.stderr : process.stdout;
const say = (line: string): void => void report.write(`relais: ${line}\n`);

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
    const options = parseOptions(process.argv.slice(2));
    const recorded = options.headsFile
      ? parseRecordedHeads(await readFile(options.headsFile, 'utf8'))
      : [];
    const database = await openLocalDatabase({ shareRunning: true, onStart: say });
    url = database.url;
    try {
      await useKeptAuditChainKey(database);
      const key = auditChainKeyFrom(process.env);
      say(
        key.development
          ? `key ${key.id}: the development key (AUDIT_CHAIN_KEY is unset), which anyone can use to re-chain these logs`
          : `key ${key.id}`,
      );
      const dataSource = new DataSource(
        await buildDataSourceOptions({ url, poolSize: 1, applicationName: 'relais-audit-verify' }),
      );
      await dataSource.initialize();
      try {
        let intact = true;
        const heads: string[] = [];
        for (const log of auditedLogs) {
          const [found] = await dataSource.query<{ table: string | null }[]>(
            'SELECT to_regclass($1)::text AS "table"',
            [log.table],
          );
          if (!found?.table) {
            throw new Error(`${log.name}: no table ${log.table} yet: run npm run migration:run`);
          }
          const chains = await log.verify(dataSource, key);
          if (!printChains(log, chains)) intact = false;
          for (const { chain, label, head } of chains) {
            if (!head) continue;
            const line: RecordedHead = {
              log: log.log,
              chain,
              label,
              id: head.id,
              hash: head.hash.toString('hex'),
              at: head.at.toISOString(),
              rows: head.rows,
              key: key.id,
            };
            heads.push(JSON.stringify(line));
          }
        }
        if (options.headsFile) {
          const checks = await checkRecordedHeads(dataSource, recorded, ACCESS_LOG_MONTHS);
          for (const { head, problem, note } of checks) {
            const where = `recorded head, ${head.log === 'access_log' ? 'access log' : 'admin audit'}, ${head.label}`;
            say(problem ? `${where}: CHANGED: ${problem}` : `${where}: ${note}, OK`);
            if (problem) intact = false;
          }
          if (checks.length === 0) say(`no head recorded in ${options.headsFile}`);
        }
        if (!intact) {
          process.exitCode = 1;
          if (options.printHeads) say('heads not printed: a chain does not hold');
        } else if (options.printHeads) {
          for (const line of heads) process.stdout.write(`${line}\n`);
        }
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await database.release();
    }
  },
  () => url,
);
