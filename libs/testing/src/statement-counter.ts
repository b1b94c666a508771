import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Marks the work of one HTTP request of the test app (`startTestApp` enters it in a middleware),
 * so that statement counts leave out what background workers (dispatcher, webhook worker,
 * expiry and purge timers) happen to run at the same moment.
 */
export const httpRequestScope = new AsyncLocalStorage<true>();
const countingScope = new AsyncLocalStorage<true>();

/**
 * Counts the SQL statements sent while `work` runs, through every query runner the data source
 * hands out (repositories, `manager.query`, transactions), by the HTTP requests of the test app
 * or by `work` itself. For N+1 tests.
 */
export async function countStatements(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<number> {
  const driver = dataSource.driver as { createQueryRunner: (mode: string) => QueryRunner };
  const original = driver.createQueryRunner.bind(driver);
  let statements = 0;
  driver.createQueryRunner = (mode: string) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((...args: Parameters<QueryRunner['query']>) => {
      if (httpRequestScope.getStore() || countingScope.getStore()) statements += 1;
      return query(...args);
    }) as QueryRunner['query'];
    return runner;
  };
  try {
    await countingScope.run(true, work);
  } finally {
    driver.createQueryRunner = original;
  }
  return statements;
}
