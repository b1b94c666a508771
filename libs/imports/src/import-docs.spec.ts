import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IMPORT_KINDS } from './import.service.js';

const docs = readFileSync(
  fileURLToPath(new URL('../../../docs/imports/README.md', import.meta.url)),
  'utf8',
);

/** Each table row of the page, as its trimmed cells. */
const rows = docs
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('docs/imports/README.md', () => {
  it.each(Object.values(IMPORT_KINDS).map((kind) => [kind.kind, kind] as const))(
    'documents every column of %s with its French header and other names',
    (_name, kind) => {
      for (const column of kind.columns) {
        expect(rows).toContainEqual([
          `\`${column.key}\``,
          column.label,
          column.aliases.join(', '),
          column.required ? 'yes' : '',
        ]);
      }
    },
  );
});
