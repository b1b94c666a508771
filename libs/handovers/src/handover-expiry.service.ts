import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { systemScope } from '@relais/access';
import { EventType } from '@relais/events';
import { resolveAudience } from '@relais/pathways';
import { recordHandoverChange } from './handover-change.js';
import { HandoverStatus } from './handover.enums.js';
import { HandoverRepository } from './handover.repository.js';

/** How the expiry job runs; tests shorten the interval or switch it off (0). */
export interface HandoverExpiryOptions {
  /** Milliseconds between two runs; 0 turns the job off. 60 s by default. */
  readonly intervalMs?: number;
  /** Handovers expired per transaction. */
  readonly batchSize?: number;
}

export const HANDOVER_EXPIRY_OPTIONS = Symbol('HANDOVER_EXPIRY_OPTIONS');

const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;
const DEFAULT_EXPIRY_BATCH = 200;

/** The expiry of proposals unanswered after 15 days; `HandoverExpiryJob` runs it. */
@Injectable()
export class HandoverExpiryService {
  /** Between two runs of the expiry job; 0: it does not run. */
  readonly expiryIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverRepository,
    @Optional() @Inject(HANDOVER_EXPIRY_OPTIONS) options?: HandoverExpiryOptions,
  ) {
    this.expiryIntervalMs = options?.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS;
    this.batchSize = options?.batchSize ?? DEFAULT_EXPIRY_BATCH;
  }

  /**
   * Expires the proposals unanswered at `now`, in batches of one transaction each: one
   * `UPDATE ... RETURNING`, then each one's timeline entry and outbox event. Rows being answered
   * at that moment are skipped (an answer in flight wins or fails on its own). Returns how many
   * expired.
   */
  async expireDue(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction((manager) =>
        this.expireBatch(manager, now),
      );
      total += expired;
      if (expired < this.batchSize) return total;
    }
  }

  private async expireBatch(manager: EntityManager, now: Date): Promise<number> {
    const rows = await this.handovers.expireDue(
      systemScope('handover-expiry'),
      now,
      this.batchSize,
      manager,
    );
    for (const row of rows) {
      await recordHandoverChange(
        manager,
        {
          type: EventType.HANDOVER_EXPIRED,
          handoverId: row.id,
          personId: row.person_id,
          actor: { accountId: null, membershipId: null },
          after: { toStructureId: row.to_structure_id },
        },
        async () => ({
          territoryId: row.territory_id,
          structureIds: [row.from_structure_id, row.to_structure_id].filter(
            (s): s is string => !!s,
          ),
          recipientAccountIds: await resolveAudience(manager, {
            accountIds: [row.proposed_by_account_id],
            structureAdminsOf: [row.to_structure_id],
          }),
          payload: {
            handoverId: row.id,
            personId: row.person_id,
            fromStructureId: row.from_structure_id,
            toStructureId: row.to_structure_id,
            toAccountId: row.to_account_id,
            status: HandoverStatus.EXPIRED,
          },
        }),
      );
    }
    return rows.length;
  }
}
