/**
 * The raw limit (../shared PERFORMANCE.md): a bare node:http server answering the bench's GraphQL
 * requests with the same JSON as Relais, each with ONE hand-written SQL statement through `pg`.
 * No framework, no GraphQL, no authorization: whose data comes from the `x-bench-account` header.
 *
 *   DATABASE_URL=postgres://... PORT=0 node bench/raw/raw-server.mjs   # prints {"port": N}
 */
import http from 'node:http';
import pg from 'pg';
import { MY_WORK_SQL } from './home-statement.mjs';
import { CASELOAD_SQL, OPEN_FILE_SQL, searchSql } from './statements.mjs';

/** How Relais normalizes a search (libs/pathways/src/people/search-text.ts). */
const searchText = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.RAW_POOL_SIZE ?? 10),
  application_name: 'relais-bench-raw',
});

/**
 * Caseload, open-file and the home are named: prepared once per connection, as a hand-tuned
 * server would.
 */
function statementFor(operationName, variables, account) {
  switch (operationName) {
    case 'Caseload':
      return { name: 'caseload', text: CASELOAD_SQL, values: [account] };
    case 'OpenFile':
      return { name: 'open_file', text: OPEN_FILE_SQL, values: [variables.id, account] };
    case 'MyWork':
      return { name: 'my_work', text: MY_WORK_SQL, values: [account] };
    case 'Search': {
      const query = String(variables.query);
      const text = searchText(query);
      const words = text.split(' ').filter(Boolean).slice(0, 5);
      const patterns = words.some((word) => word.length >= 3) ? words : text ? [text] : [];
      // Unnamed, as Relais sends it: a generic plan cannot use the trigram index for LIKE.
      return {
        text: searchSql(patterns.length),
        values: [
          account,
          text,
          query.replace(/\s+/g, '').toUpperCase(),
          ...patterns.map((pattern) => `%${pattern}%`),
        ],
      };
    }
    default:
      return null;
  }
}

function reply(response, status, body) {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let statement;
    try {
      const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      statement = statementFor(operationName, variables ?? {}, request.headers['x-bench-account']);
    } catch {
      statement = null;
    }
    if (!statement) {
      reply(response, 400, '{"errors":[{"message":"unknown operation"}]}');
      return;
    }
    pool.query(statement).then(
      (result) => {
        const body = result.rows[0]?.body;
        if (body) reply(response, 200, body);
        else reply(response, 200, '{"errors":[{"message":"not found"}],"data":null}');
      },
      (error) => reply(response, 500, JSON.stringify({ errors: [{ message: error.message }] })),
    );
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
