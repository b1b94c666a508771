import { DataSource, QueryFailedError } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { preparedQuery } from './prepared-query.js';

describe('preparedQuery', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 1 }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const preparedHere = async (): Promise<string[]> =>
    (
      await dataSource.query<{ statement: string }[]>(
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'relais_%'`,
      )
    ).map((row) => row.statement);

  it('runs a statement as a named prepared statement of the connection, with its values', async () => {
    const text = 'SELECT $1::int + $2::int AS sum';
    expect(await preparedQuery<{ sum: number }>(dataSource, text, [2, 3])).toEqual([{ sum: 5 }]);
    expect(await preparedQuery<{ sum: number }>(dataSource, text, [40, 2])).toEqual([{ sum: 42 }]);
    // One connection in the pool: the statement is prepared there, once.
    expect(await preparedHere()).toEqual([text]);
  });

  it('works inside a transaction, whose rollback undoes what it wrote', async () => {
    await dataSource.query('CREATE TEMP TABLE prepared_probe (n int)');
    await dataSource
      .transaction(async (manager) => {
        await preparedQuery(manager, 'INSERT INTO prepared_probe (n) VALUES ($1)', [7]);
        expect(
          await preparedQuery<{ n: number }>(manager, 'SELECT n FROM prepared_probe', []),
        ).toEqual([{ n: 7 }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await dataSource.query('SELECT n FROM prepared_probe')).toEqual([]);
  });

  it('reports a failing statement as TypeORM does, with PostgreSQL code', async () => {
    const failure: unknown = await preparedQuery(dataSource, 'SELECT $1::int AS n', [
      'not a number',
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '22P02' });
  });
});
