import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobLock } from '@relais/core';
import type { DataSource } from 'typeorm';

/**
 * The jobs' lock across instances: a session advisory lock on one pooled connection, held for
 * the whole run (whose transactions run on other connections) and released after it. Keyed by
 * `hashtext(key)`; a connection lost mid-run releases it with the session.
 */
@Injectable()
export class PostgresJobLock implements JobLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async withLock<T>(
    key: string,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [key],
      )) as { locked: boolean }[];
      if (!locked) return { acquired: false };
      try {
        return { acquired: true, value: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      await runner.release();
    }
  }
}
