import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * One owner per table (STYLE.md, "The house"; issue 17). A table belongs to the lib whose
 * `*.entity.ts` declares it; only that lib's `*.repository.ts` files (and the entity itself) name
 * it, in SQL or by passing its entity class to TypeORM. The read models (`libs/read-models`: the
 * `*.read-model.ts` files and the SQL fragments they share) may join any table, to read only. Everything else calls the owner.
 */

export interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface TableOwner {
  readonly table: string;
  readonly entity: string;
  readonly lib: string;
}

export interface OwnershipViolation {
  readonly path: string;
  readonly line: number;
  readonly table: string;
  readonly owner: string;
  readonly why: string;
}

/**
 * Not application code, so out of the rule, each for a reason: migrations define every table;
 * the demo seed and libs/testing write fixtures across owners as test factories do; tests.
 */
const OUT_OF_RULE = [
  /^libs\/database\/src\/migrations\//,
  /^libs\/testing\//,
  /^apps\/api\/src\/demo\//,
  /\.(spec|int-spec|e2e-spec|web-spec|fault-spec)\.ts$/,
];

const SQL_NAMING = (table: string) =>
  new RegExp(
    String.raw`\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|USING)\s+(?:ONLY\s+)?(?:public\.)?"?${table}"?(?![\w.(])`,
    'g',
  );
const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|TRUNCATE)\b/;

/** The tables and their owners, read from the entity files: no second list to keep. */
export function tableOwners(files: readonly SourceFile[]): TableOwner[] {
  const owners: TableOwner[] = [];
  for (const file of files) {
    const lib = /^libs\/([a-z-]+)\/src\//.exec(file.path)?.[1];
    if (!lib || !file.path.endsWith('.entity.ts')) continue;
    for (const match of file.text.matchAll(/@Entity\(\s*'([a-z_]+)'[\s\S]*?export class (\w+)/g)) {
      owners.push({ table: match[1], entity: match[2], lib });
    }
  }
  return owners;
}

/** Comments name tables in prose ("the person from the team"), not in SQL: drop them. */
function withoutComments(text: string): string {
  return text
    .replace(/^\s*(?:import|export)\s*(?:type\s*)?\{[^}]*\}\s*from[^\n]*/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

export function ownershipViolations(
  files: readonly SourceFile[],
  owners: readonly TableOwner[] = tableOwners(files),
): OwnershipViolation[] {
  const violations: OwnershipViolation[] = [];
  for (const file of files) {
    if (OUT_OF_RULE.some((pattern) => pattern.test(file.path))) continue;
    const lib = /^libs\/([a-z-]+)\/src\//.exec(file.path)?.[1] ?? null;
    // Every source file of libs/read-models: the read models and the SQL fragments they share.
    const readModel = lib === 'read-models';
    const repository = file.path.endsWith('.repository.ts') || file.path.endsWith('.entity.ts');
    const text = withoutComments(file.text);
    for (const owner of owners) {
      if (lib === owner.lib && repository) continue;
      // The owner's index.ts and module list its entities for the data source.
      const registry = /\/(index|[a-z-]+\.module)\.ts$/.test(file.path);
      for (const match of text.matchAll(SQL_NAMING(owner.table))) {
        if (readModel) continue;
        violations.push({
          path: file.path,
          line: lineOf(text, match.index),
          table: owner.table,
          owner: owner.lib,
          why:
            lib === owner.lib
              ? `names its own table outside a *.repository.ts file`
              : `names ${owner.lib}'s table in SQL`,
        });
      }
      const entityUse = new RegExp(String.raw`[(,\[]\s*${owner.entity}\b(?!\s*[:>])`, 'g');
      for (const match of lib === owner.lib && registry ? [] : text.matchAll(entityUse)) {
        // `import { XEntity }` and type positions are not uses; a value passed to a call is.
        violations.push({
          path: file.path,
          line: lineOf(text, match.index),
          table: owner.table,
          owner: owner.lib,
          why: `passes ${owner.entity} to TypeORM outside ${owner.lib}'s repositories`,
        });
      }
    }
    if (readModel && SQL_WRITE.test(text)) {
      violations.push({
        path: file.path,
        line: lineOf(text, SQL_WRITE.exec(text)?.index ?? 0),
        table: '*',
        owner: 'read-models',
        why: 'a read model writes; writes belong to the owner',
      });
    }
  }
  return violations;
}

function walk(root: string, folder: string, out: SourceFile[]): void {
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'web') walk(root, path, out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push({ path: path.split(sep).join('/'), text: readFileSync(join(root, path), 'utf8') });
    }
  }
}

/** The application's TypeScript: libs/ and apps/api (the web client has no SQL). */
export function applicationSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  walk(root, 'libs', files);
  walk(root, join('apps', 'api'), files);
  return files.map((file) => ({ ...file, path: relative('.', file.path) }));
}
