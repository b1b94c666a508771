import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Counts the SQL statements the application sends while `work` runs, through every query runner
 * the data source hands out (repositories, `manager.query`, transactions). For N+1 tests.
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
      statements += 1;
      return query(...args);
    }) as QueryRunner['query'];
    return runner;
  };
  try {
    await work();
  } finally {
    driver.createQueryRunner = original;
  }
  return statements;
}
