/**
 * `npm run bench:seed -- --size S|M|L [--reset] [--database-url URL] [--seed N] [--today YYYY-MM-DD]`
 *
 * Fills a Relais database with deterministic bench data through COPY: S = 10,000 people in one
 * territory, M = 100,000 in one plus nine small ones of 2,000, L = 1,000,000 over 21
 * territories, each person with a team, a diagnostic, a plan, appointments, notes and 10 to 30
 * timeline events. Same seed and day, same rows. On DATABASE_URL (or --database-url), else on
 * the embedded PostgreSQL of .data/, migrated first. Writes bench/seed/accounts.json: the
 * accounts the scenarios sign in as.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CopySink, openCopy } from './copy.mjs';
import {
  canSkipTriggers,
  danglingReferences,
  loadDescribeDatabaseError,
  emptyDatabase,
  existingData,
  invariants,
  loadSearchText,
  openDatabase,
  withClient,
} from './database.mjs';
import { buildOrganizations, SIZES } from './organizations.mjs';
import { DAY, PEOPLE_TABLES, PeopleGenerator, raw, stamp, text } from './people.mjs';

const USAGE =
  'usage: npm run bench:seed -- --size S|M|L [--reset] [--database-url URL] [--seed N] [--today YYYY-MM-DD]';
const DEFAULT_SEED = 20_260_101;

/**
 * The tables of `tables` that no foreign key references (asked of the catalogue, so that a new
 * table pointing at one turns it back into a plain load): each is emptied in its own COPY
 * transaction and loaded FROZEN.
 */
async function leavesOf(url, tables) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-seed leaves' });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT DISTINCT confrelid::regclass::text AS referenced FROM pg_constraint WHERE contype = 'f'`,
    );
    const referenced = new Set(rows.map((row) => row.referenced));
    return new Set(tables.filter((table) => !referenced.has(table)));
  } finally {
    await client.end();
  }
}

/** With foreign keys checked row by row, parents are committed before their children load. */
const CHECKED_PASSES = [
  ['person'],
  [
    'team_member',
    'obstacle',
    'contract',
    'goal',
    'appointment',
    'note',
    'timeline_event',
    'handover',
  ],
  ['plan_action'],
];

const say = (line) => void process.stdout.write(`bench:seed: ${line}\n`);
const seconds = (from) => (performance.now() - from) / 1000;
const thousands = (count) => count.toLocaleString('en-US');

function parseArguments(argv) {
  const options = { reset: false, seed: DEFAULT_SEED, today: null, size: null, databaseUrl: null };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const [name, inline] = argument.split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++index];
    if (name === '--size') options.size = String(value()).toUpperCase();
    else if (name === '--reset') options.reset = true;
    else if (name === '--database-url') options.databaseUrl = value();
    else if (name === '--seed') options.seed = Number(value());
    else if (name === '--today') options.today = value();
    else if (name === '--help' || name === '-h') {
      say(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argument}\n${USAGE}`);
  }
  if (!SIZES[options.size]) throw new Error(`--size must be S, M or L\n${USAGE}`);
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  const day = options.today ? Date.parse(`${options.today}T00:00:00Z`) : Date.now();
  if (Number.isNaN(day)) throw new Error('--today must be a date: YYYY-MM-DD');
  options.todayMs = Math.floor(day / DAY) * DAY;
  return options;
}

async function loadOrganizations(url, organizations) {
  const { rows } = organizations;
  const tables = [
    [
      'territory',
      'id, code, name, created_at',
      rows.territory,
      (row) => [row.id, row.code, text(row.name), stamp(row.createdAt)],
    ],
    [
      'structure',
      'id, territory_id, type, name, siret, address_line, postal_code, city, created_at, updated_at',
      rows.structure,
      (row) => [
        row.id,
        row.territoryId,
        row.type,
        text(row.name),
        row.siret,
        text(row.addressLine),
        row.postalCode,
        text(row.city),
        stamp(row.createdAt),
        stamp(row.createdAt),
      ],
    ],
    [
      'account',
      'id, email, given_name, family_name, created_at, updated_at',
      rows.account,
      (row) => [
        row.id,
        row.email,
        text(row.givenName),
        text(row.familyName),
        stamp(row.createdAt),
        stamp(row.createdAt),
      ],
    ],
    [
      'membership',
      'id, account_id, role, structure_id, territory_id, created_at',
      rows.membership,
      (row) => [
        row.id,
        row.accountId,
        row.role,
        raw(row.structureId),
        raw(row.territoryId),
        stamp(row.createdAt),
      ],
    ],
  ];
  const timings = [];
  for (const [table, columns, list, fields] of tables) {
    const started = performance.now();
    const copy = await openCopy(url, table, columns, { fast: false, leaf: false });
    const sink = new CopySink({ [table]: copy }, started);
    for (const row of list) sink.row(table, fields(row).join('\t'));
    await sink.end();
    timings.push({
      table,
      rows: copy.rows,
      bytes: copy.bytes,
      seconds: copy.seconds,
      indexSeconds: copy.indexSeconds,
    });
  }
  return timings;
}

/** One pass over every person of every territory, writing the rows of `tables`. */
async function loadPeople(url, organizations, options, tables, fast, searchText) {
  const started = performance.now();
  const copies = {};
  const leaves = await leavesOf(url, tables);
  for (const table of tables) {
    copies[table] = await openCopy(url, table, PEOPLE_TABLES[table], {
      fast,
      leaf: leaves.has(table),
    });
  }
  const sink = new CopySink(copies, started);
  const stats = {
    people: 0,
    withoutReferent: 0,
    events: 0,
    minEvents: Infinity,
    maxEvents: 0,
    openHandovers: 0,
  };
  for (const territory of organizations.territories) {
    for (const structure of territory.structures) {
      for (const professional of structure.professionals) {
        professional.teams = 0;
        professional.referentOf = 0;
      }
    }
  }
  const total = organizations.territories.reduce((sum, territory) => sum + territory.people, 0);
  const step = Math.max(10_000, Math.round(total / 10 / 10_000) * 10_000);
  try {
    for (const [index, territory] of organizations.territories.entries()) {
      const generator = new PeopleGenerator(territory, {
        seed: options.seed,
        territoryIndex: index,
        today: options.todayMs,
        searchText,
        sink,
        stats,
      });
      for (let count = 0; count < territory.people; count += 1) {
        generator.person();
        if ((count & 63) === 63) await sink.settle();
        if (stats.people % step === 0) {
          say(
            `  ${thousands(stats.people)} / ${thousands(total)} people (${seconds(started).toFixed(1)} s)`,
          );
        }
      }
    }
    await sink.end();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  const timings = Object.values(copies).map((copy) => ({
    table: copy.table,
    rows: copy.rows,
    bytes: copy.bytes,
    seconds: copy.seconds,
    indexSeconds: copy.indexSeconds,
  }));
  return { timings, stats, seconds: seconds(started) };
}

function printTable(lines) {
  const widths = lines[0].map((_, column) =>
    Math.max(...lines.map((line) => String(line[column]).length)),
  );
  for (const [index, line] of lines.entries()) {
    say(
      line
        .map((cell, column) =>
          column === 0
            ? String(cell).padEnd(widths[column])
            : String(cell).padStart(widths[column]),
        )
        .join('  '),
    );
    if (index === 0) say(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function knownAccounts(organizations) {
  return organizations.known.map(({ account, membership, structure, territory }) => {
    const professional = structure?.professionals.find(
      (candidate) => candidate.membershipId === membership.id,
    );
    return {
      email: account.email,
      role: membership.role,
      accountId: account.id,
      membershipId: membership.id,
      name: `${account.givenName} ${account.familyName}`,
      structure: structure
        ? { id: structure.id, type: structure.type, name: structure.name }
        : null,
      territory: territory
        ? { id: territory.id, code: territory.code, name: territory.name }
        : null,
      ...(professional
        ? { activeTeams: professional.teams, referentOf: professional.referentOf }
        : {}),
    };
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.databaseUrl) process.env.DATABASE_URL = options.databaseUrl;
  const startedAt = performance.now();
  const searchText = await loadSearchText();
  const database = await openDatabase(say);
  const url = database.url;
  try {
    const superuser = await withClient(url, async (client) => {
      const canSkip = await canSkipTriggers(client);
      const existing = await existingData(client);
      if (existing.territories + existing.accounts + existing.people > 0) {
        if (!options.reset) {
          throw new Error(
            `the database already holds ${existing.territories} territories, ${existing.accounts} accounts and ${existing.people} people: run with --reset to empty every table of it first`,
          );
        }
        const all = await emptyDatabase(client, canSkip);
        say(
          all ? 'emptied every table' : 'emptied every table but the access log (not a superuser)',
        );
      }
      return canSkip;
    });

    const organizations = buildOrganizations(options.size, options.seed, options.todayMs);
    const people = organizations.territories.reduce((sum, territory) => sum + territory.people, 0);
    say(
      `size ${options.size}: ${thousands(people)} people in ${organizations.territories.length} territor${organizations.territories.length === 1 ? 'y' : 'ies'}, ${thousands(organizations.rows.account.length)} accounts, seed ${options.seed}, day ${new Date(options.todayMs).toISOString().slice(0, 10)}`,
    );
    const organizationTimings = await loadOrganizations(url, organizations);

    let load;
    if (superuser) {
      say('people and their files: one pass, every table at once (foreign keys checked after)');
      load = await loadPeople(
        url,
        organizations,
        options,
        Object.keys(PEOPLE_TABLES),
        true,
        searchText,
      );
    } else {
      say('people and their files: not a superuser, foreign keys checked row by row, in 3 passes');
      load = { timings: [], seconds: 0 };
      for (const tables of CHECKED_PASSES) {
        const pass = await loadPeople(url, organizations, options, tables, false, searchText);
        load.timings.push(
          ...pass.timings.map((timing) => ({ ...timing, seconds: timing.seconds + load.seconds })),
        );
        load.seconds += pass.seconds;
        load.stats = pass.stats;
      }
    }
    const loaded = [
      ...organizationTimings.map((timing) => timing.table),
      ...load.timings.map((timing) => timing.table),
    ];

    const after = await withClient(url, async (client) => {
      const vacuumed = [];
      for (const table of loaded) {
        const started = performance.now();
        await client.query(`VACUUM (ANALYZE) ${table}`);
        vacuumed.push({ table, seconds: seconds(started) });
      }
      let check = null;
      const checkStarted = performance.now();
      if (superuser) check = await danglingReferences(client, loaded);
      const checks = await invariants(client);
      return { vacuumed, check, checks, checkSeconds: seconds(checkStarted) };
    });
    if (after.check?.problems.length) {
      throw new Error(`dangling references: ${after.check.problems.join('; ')}`);
    }

    const lines = [
      ['table', 'rows', 'MB', 'committed at (s)', 'indexes built (s)', 'VACUUM ANALYZE (s)'],
    ];
    for (const timing of [...organizationTimings, ...load.timings]) {
      const vacuum = after.vacuumed.find((entry) => entry.table === timing.table);
      lines.push([
        timing.table,
        thousands(timing.rows),
        (timing.bytes / 1e6).toFixed(1),
        timing.seconds.toFixed(1),
        timing.indexSeconds.toFixed(1),
        vacuum.seconds.toFixed(1),
      ]);
    }
    say('');
    printTable(lines);
    say('');
    const { stats } = load;
    const vacuumSeconds = after.vacuumed.reduce((sum, entry) => sum + entry.seconds, 0);
    say(
      `people and files: ${load.seconds.toFixed(1)} s (${thousands(Math.round(stats.people / load.seconds))} people/s); VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s; checks ${after.checkSeconds.toFixed(1)} s`,
    );
    say(
      `checks: ${after.check ? `${after.check.checked} foreign keys hold` : 'foreign keys checked row by row'}; ${thousands(after.checks.with_referent)} of ${thousands(after.checks.people)} files with one referent (${((100 * after.checks.with_referent) / after.checks.people).toFixed(1)} %), ${after.checks.without_team} without a team, ${after.checks.teams_over_4} teams over 4, ${after.checks.activity_mismatch} last activities off their timeline; events per person ${stats.minEvents} to ${stats.maxEvents} (mean ${(stats.events / stats.people).toFixed(1)}); ${stats.openHandovers} open handovers`,
    );

    const accounts = knownAccounts(organizations);
    const file = fileURLToPath(new URL('./accounts.json', import.meta.url));
    await writeFile(
      file,
      `${JSON.stringify(
        {
          size: options.size,
          seed: options.seed,
          today: new Date(options.todayMs).toISOString().slice(0, 10),
          territories: organizations.territories.map((territory) => ({
            id: territory.id,
            code: territory.code,
            name: territory.name,
            people: territory.people,
          })),
          accounts,
        },
        null,
        2,
      )}\n`,
    );
    const caseworker = accounts.find(
      (account) => account.email === 'bench.caseworker.1@relais.bench',
    );
    say(
      `wrote bench/seed/accounts.json: ${accounts.length} known accounts (bench.caseworker.1@relais.bench: ${caseworker.activeTeams} files, referent of ${caseworker.referentOf})`,
    );
    say(`done in ${seconds(startedAt).toFixed(1)} s`);
  } finally {
    await database.release();
  }
}

main().catch(async (error) => {
  let line = error instanceof Error ? error.message : String(error);
  const url = process.env.DATABASE_URL;
  if (url && typeof error?.code === 'string' && !error.code.startsWith('23')) {
    // Unreachable server, refused user, missing database...: one line saying what to do.
    line = (await loadDescribeDatabaseError())(error, url);
  }
  process.stderr.write(`bench:seed: ${line}\n`);
  process.exit(1);
});
