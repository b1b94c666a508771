import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadScope, SystemScope } from '@relais/access';
import type { OrientationType } from '@relais/pathways';
import { DataSource, type EntityManager } from 'typeorm';
import { HandoverEntity } from './handover.entity.js';
import type { StoredSummary } from './handover-context.js';
import { type HandoverPreviewPart, HandoverStatus } from './handover.enums.js';

/** The row a new proposal writes; the status is PROPOSED and the person was informed. */
export interface NewHandover {
  readonly personId: string;
  readonly territoryId: string;
  readonly fromStructureId: string | null;
  readonly fromReferentAccountId: string | null;
  readonly proposedByAccountId: string;
  readonly proposedByMembershipId: string;
  readonly toStructureId: string;
  readonly toAccountId: string | null;
  readonly reason: string;
  /** The proposer's summary (none when omitted) and the parts the target may preview. */
  readonly summary?: StoredSummary;
  readonly previewParts?: readonly HandoverPreviewPart[];
  readonly orientationRequestId: string | null;
  /** Days until it expires unanswered. */
  readonly expiryDays: number;
}

/** Who answered, as which membership. */
export interface HandoverDecider {
  readonly accountId: string;
  readonly membershipId: string;
}

/** A handover the expiry job closed: what its timeline row and outbox event say. */
export interface ExpiredHandover {
  id: string;
  person_id: string;
  territory_id: string;
  from_structure_id: string | null;
  to_structure_id: string;
  to_account_id: string | null;
  proposed_by_account_id: string;
}

/**
 * The `handover` table: its one owner. Each answer is an `UPDATE ... WHERE status = 'PROPOSED'`
 * whose row count decides: of many concurrent answers, exactly one wins.
 */
@Injectable()
export class HandoverRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One handover of a person, for a caller whose right to act on it the service checks on the
   * loaded row (its deciders, its proposer, the current referent).
   */
  findById(
    scope: ReadScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<HandoverEntity | null> {
    return manager.findOneBy(HandoverEntity, { id });
  }

  /** Whether the person has a proposal still waiting for an answer. */
  hasOpen(personId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(HandoverEntity, { personId, status: HandoverStatus.PROPOSED });
  }

  /** Writes a proposal; its id. The open-handover unique index is the caller's backstop. */
  async insert(
    handover: NewHandover,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO handover (person_id, territory_id, from_structure_id, from_referent_account_id,
         proposed_by_account_id, proposed_by_membership_id, to_structure_id, to_account_id, reason,
         person_informed, status, orientation_request_id, expires_at, summary_situation,
         summary_done, summary_expected, preview_parts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, 'PROPOSED', $10,
         now() + make_interval(days => $11), $12, $13, $14, $15)
       RETURNING id`,
      [
        handover.personId,
        handover.territoryId,
        handover.fromStructureId,
        handover.fromReferentAccountId,
        handover.proposedByAccountId,
        handover.proposedByMembershipId,
        handover.toStructureId,
        handover.toAccountId,
        handover.reason,
        handover.orientationRequestId,
        handover.expiryDays,
        handover.summary?.situation ?? null,
        handover.summary?.done ?? null,
        handover.summary?.expected ?? null,
        handover.previewParts ?? [],
      ],
    );
    return rows[0].id;
  }

  /**
   * Accepts, if still open: null when another answer (or the deadline) came first. Returns the
   * orientation type its orientation request asked for (null without one), read in the same
   * statement, for the person's new orientation.
   */
  async accept(
    handoverId: string,
    decider: HandoverDecider,
    newReferent: { readonly accountId: string; readonly membershipId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ orientationType: OrientationType | null } | null> {
    const [rows, affected] = await this.answer<{ orientation_type: OrientationType | null }>(
      manager,
      handoverId,
      HandoverStatus.ACCEPTED,
      `decided_by_account_id = $3, decided_by_membership_id = $4,
         new_referent_account_id = $5, new_referent_membership_id = $6`,
      [decider.accountId, decider.membershipId, newReferent.accountId, newReferent.membershipId],
      `RETURNING (SELECT o.orientation_type FROM orientation_request o
                   WHERE o.id = handover.orientation_request_id) AS orientation_type`,
    );
    return affected === 0 ? null : { orientationType: rows[0]?.orientation_type ?? null };
  }

  /** Declines with a reason, if still open: false when another answer came first. */
  async decline(
    handoverId: string,
    decider: HandoverDecider,
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const [, affected] = await this.answer(
      manager,
      handoverId,
      HandoverStatus.DECLINED,
      `decided_by_account_id = $3, decided_by_membership_id = $4, decline_reason = $5`,
      [decider.accountId, decider.membershipId, reason],
    );
    return affected > 0;
  }

  /** Cancels, if still open: false when an answer came first. */
  async cancel(
    handoverId: string,
    decider: HandoverDecider,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const [, affected] = await this.answer(
      manager,
      handoverId,
      HandoverStatus.CANCELLED,
      `decided_by_account_id = $3, decided_by_membership_id = $4`,
      [decider.accountId, decider.membershipId],
    );
    return affected > 0;
  }

  /**
   * Expires up to `limit` proposals unanswered at `now`, skipping rows being answered at that
   * moment (an answer in flight wins or fails on its own). For the expiry job only.
   */
  async expireDue(
    scope: SystemScope,
    now: Date,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExpiredHandover[]> {
    const [rows] = await manager.query<[ExpiredHandover[], number]>(
      `UPDATE handover h SET status = 'EXPIRED', decided_at = $1
        WHERE h.status = 'PROPOSED' AND h.id IN (
          SELECT id FROM handover
           WHERE status = 'PROPOSED' AND expires_at <= $1
           ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING h.id, h.person_id, h.territory_id, h.from_structure_id, h.to_structure_id,
          h.to_account_id, h.proposed_by_account_id`,
      [now, limit],
    );
    return rows;
  }

  /**
   * The conditional answer: exactly one of concurrent answers finds the row still PROPOSED (and
   * not past its deadline). Returns what `returning` asked for and the number of rows changed.
   */
  private answer<R = unknown>(
    manager: EntityManager,
    handoverId: string,
    status: HandoverStatus,
    set: string,
    params: unknown[],
    returning = '',
  ): Promise<[R[], number]> {
    return manager.query<[R[], number]>(
      `UPDATE handover SET status = $2, decided_at = now(), ${set}
        WHERE id = $1 AND status = 'PROPOSED' AND expires_at > now()${returning && ` ${returning}`}`,
      [handoverId, status, ...params],
    );
  }
}
