import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The response kept for a key, as stored. */
export interface KeptIdempotentRequest<Response> {
  readonly request_hash: string;
  readonly response: Response | null;
}

/** The `idempotency_key` table: its owner for the API's Idempotency-Key store. */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes the key if it expired (older than `ttlSeconds`) or was abandoned unanswered. */
  async deleteIfStale(
    principalKey: string,
    key: string,
    ttlSeconds: number,
    abandonedSeconds: number,
  ): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_key
       WHERE principal_key = $1 AND key = $2
         AND (created_at < now() - make_interval(secs => $3)
           OR (response IS NULL AND created_at < now() - make_interval(secs => $4)))`,
      [principalKey, key, ttlSeconds, abandonedSeconds],
    );
  }

  /** Inserts the key unless it exists; whether it was inserted. */
  async insertIfAbsent(principalKey: string, key: string, requestHash: string): Promise<boolean> {
    const inserted = await this.dataSource.query<unknown[]>(
      `INSERT INTO idempotency_key (principal_key, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (principal_key, key) DO NOTHING RETURNING 1`,
      [principalKey, key, requestHash],
    );
    return inserted.length > 0;
  }

  /** The request hash and the response kept for the key, if it exists. */
  async kept<Response>(
    principalKey: string,
    key: string,
  ): Promise<KeptIdempotentRequest<Response> | undefined> {
    const [kept] = await this.dataSource.query<KeptIdempotentRequest<Response>[]>(
      `SELECT request_hash, response FROM idempotency_key WHERE principal_key = $1 AND key = $2`,
      [principalKey, key],
    );
    return kept;
  }

  async saveResponse(principalKey: string, key: string, response: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_key SET response = $3 WHERE principal_key = $1 AND key = $2`,
      [principalKey, key, response],
    );
  }

  /** Deletes the key if no response was kept for it. */
  async deleteUnanswered(principalKey: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_key WHERE principal_key = $1 AND key = $2 AND response IS NULL`,
      [principalKey, key],
    );
  }

  /** Deletes the keys older than `ttlSeconds`; how many. */
  async deleteOlderThan(ttlSeconds: number): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => $1)`,
      [ttlSeconds],
    );
    return affected;
  }
}
