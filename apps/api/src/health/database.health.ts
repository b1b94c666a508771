import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2_000;

/**
 * Whether PostgreSQL answers a trivial query in time. The driver's own message is not passed
 * on: it names internal hosts and addresses, and the endpoint is public.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async ping(key: string) {
    const check = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
        }),
      ]);
      return check.up();
    } catch {
      return check.down({ message: 'the database does not answer' });
    } finally {
      clearTimeout(timer);
    }
  }
}
