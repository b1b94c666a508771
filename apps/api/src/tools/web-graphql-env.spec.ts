import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(import.meta.dirname, '..', '..', '..', '..');

// The web client's GraphQL types (apps/web/src/api/graphql-env.d.ts) are generated from
// schema.gql by gql.tada; `npm run schema:generate` writes both. Stale types would let the
// client compile against a schema the API no longer serves.
describe('the web client’s GraphQL types', () => {
  it('are those gql.tada generates from the committed schema.gql', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relais-gql-tada-'));
    try {
      const output = join(dir, 'graphql-env.d.ts');
      await promisify(execFile)(
        process.execPath,
        [
          join(root, 'node_modules', 'gql.tada', 'bin', 'cli.js'),
          'generate',
          'output',
          '--tsconfig',
          join(root, 'apps', 'web', 'tsconfig.json'),
          '--output',
          output,
        ],
        { cwd: root },
      );
      const committed = await readFile(
        join(root, 'apps', 'web', 'src', 'api', 'graphql-env.d.ts'),
        'utf8',
      );
      expect(committed === (await readFile(output, 'utf8'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // gql.tada's CLI in a child process: about 2 s alone, past jest's 5 s on a loaded machine.
  }, 60_000);
});
