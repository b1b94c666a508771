import { DataSource } from 'typeorm';
import type { FileScope } from '@relais/access';
import { buildDataSourceOptions } from '@relais/database';
import { type FilePart, FilePartsReader } from './file-parts.js';

/** A scope is only a key to the reader: two distinct objects stand for two viewers. */
const aScope = () => ({ kind: 'file' }) as unknown as FileScope;

/** A part that gives back its parameter: what it was read with shows in what it decodes to. */
const echo = (value: string): FilePart<string[]> => ({
  key: 'echo',
  sql: 'SELECT $1::text AS v',
  params: [value],
  order: 'r.v',
  decode: (rows) => rows.map((row) => String(row.v)),
});

/** Reading a file's parts beside its facts (decision 0025), against PostgreSQL. */
describe('FilePartsReader.readWith', () => {
  let dataSource: DataSource;
  let reader: FilePartsReader;
  const statements: unknown[] = [];

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 2 }),
    ).initialize();
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((text: unknown, ...rest: unknown[]) => {
      statements.push(text);
      return (query as (...args: unknown[]) => unknown)(text, ...rest);
    }) as DataSource['query'];
    reader = new FilePartsReader(dataSource);
  });

  beforeEach(() => {
    statements.length = 0;
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('reads the head and the parts asked meanwhile in one statement, then gives them to the adopting scope', async () => {
    const provisional = aScope();
    const decided = aScope();
    const { row, adopt } = await reader.readWith<{ n: number }>(
      provisional,
      { sql: 'SELECT $1::int AS n', params: [7] },
      () => void reader.read(provisional, echo('x')),
    );
    expect(row).toEqual({ n: 7 });
    expect(statements).toHaveLength(1);

    adopt(decided);
    expect(await reader.read(decided, echo('x'))).toEqual(['x']);
    expect(statements).toHaveLength(1);
  });

  it('reads anew a part asked with other parameters than those read ahead, and for a scope that adopted nothing', async () => {
    const provisional = aScope();
    const decided = aScope();
    const { adopt } = await reader.readWith(
      provisional,
      { sql: 'SELECT 1 AS n', params: [] },
      () => void reader.read(provisional, echo('x')),
    );
    adopt(decided);
    expect(await reader.read(decided, echo('y'))).toEqual(['y']);
    expect(statements).toHaveLength(2);
    expect(await reader.read(aScope(), echo('x'))).toEqual(['x']);
    expect(statements).toHaveLength(3);
  });

  it('gives nothing read ahead when the head has no row (no such file)', async () => {
    const provisional = aScope();
    const decided = aScope();
    const { row, adopt } = await reader.readWith(
      provisional,
      { sql: 'SELECT 1 AS n WHERE false', params: [] },
      () => void reader.read(provisional, echo('x')),
    );
    expect(row).toBeUndefined();
    adopt(decided);
    expect(await reader.read(decided, echo('x'))).toEqual(['x']);
    expect(statements).toHaveLength(2);
  });
});
