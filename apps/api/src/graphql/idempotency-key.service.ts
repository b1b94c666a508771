import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { IdempotencyKeyRepository } from '@relais/database';

/** How long a key and its response are kept (Stripe's 24 hours). */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

/**
 * A first request that never finished (its process died between the insert and the response):
 * after this long its key is free again rather than "in progress" for a day.
 */
export const ABANDONED_KEY_SECONDS = 5 * 60;

/** The response kept for a key: what Apollo sent (status and body), given again as it was. */
export interface StoredResponse {
  readonly status: number | null;
  readonly body: Record<string, unknown>;
}

/** What a request with a key is to do: run (it holds the key now) or give the kept response. */
export type KeyClaim =
  { readonly kind: 'run' } | { readonly kind: 'replay'; readonly response: StoredResponse };

/**
 * The `idempotency_key` rows (Stripe's model): the first request with a key claims it; later
 * ones with the same request get its response, another request or one while it runs gets a
 * CONFLICT. Keys live 24 hours: older ones count as unused, and are purged every 10 minutes
 * (`IdempotencyPurgeJob`).
 */
@Injectable()
export class IdempotencyKeyService {
  constructor(private readonly keys: IdempotencyKeyRepository) {}

  /** Claims the key for this request, or says what was kept for it; CONFLICT otherwise. */
  async claim(principalKey: string, key: string, requestHash: string): Promise<KeyClaim> {
    // An expired or abandoned key is as good as unused: it goes before the insert.
    await this.keys.deleteIfStale(
      principalKey,
      key,
      IDEMPOTENCY_KEY_TTL_SECONDS,
      ABANDONED_KEY_SECONDS,
    );
    if (await this.keys.insertIfAbsent(principalKey, key, requestHash)) return { kind: 'run' };

    const kept = await this.keys.kept<StoredResponse>(principalKey, key);
    // Gone between the insert and the select (its request failed and freed it): try once more.
    if (!kept) return this.claimOnce(principalKey, key, requestHash);
    if (kept.request_hash !== requestHash) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        DomainErrorReason.IdempotencyKeyReused,
        'this key was used with another request',
        {
          field: 'Idempotency-Key',
        },
      );
    }
    if (kept.response === null) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        DomainErrorReason.IdempotencyKeyInProgress,
        'a request with this key is in progress',
        {
          field: 'Idempotency-Key',
        },
      );
    }
    return { kind: 'replay', response: kept.response };
  }

  /** Keeps the response of the request that holds the key. */
  async complete(principalKey: string, key: string, response: StoredResponse): Promise<void> {
    await this.keys.saveResponse(principalKey, key, response);
  }

  /** Frees the key: the request failed on the server's side, so a retry may run. */
  async release(principalKey: string, key: string): Promise<void> {
    await this.keys.deleteUnanswered(principalKey, key);
  }

  /** Deletes the keys older than 24 hours. */
  async purge(): Promise<number> {
    return this.keys.deleteOlderThan(IDEMPOTENCY_KEY_TTL_SECONDS);
  }

  private async claimOnce(
    principalKey: string,
    key: string,
    requestHash: string,
  ): Promise<KeyClaim> {
    if (await this.keys.insertIfAbsent(principalKey, key, requestHash)) return { kind: 'run' };
    throw new DomainError(
      DomainErrorCode.Conflict,
      DomainErrorReason.IdempotencyKeyInProgress,
      'a request with this key is in progress',
      {
        field: 'Idempotency-Key',
      },
    );
  }
}
