import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadScope } from '@relais/access';
import type { OrientationType } from '@relais/pathways';
import { DataSource, type EntityManager } from 'typeorm';
import { OrientationRequestStatus } from './handover.enums.js';
import { OrientationRequestEntity } from './orientation-request.entity.js';

/** A referent's new request, PENDING until an orientation manager decides. */
export interface NewOrientationRequest {
  readonly personId: string;
  readonly territoryId: string;
  readonly requestedByAccountId: string;
  readonly requestedByMembershipId: string;
  readonly orientationType: OrientationType;
  readonly reason: string;
}

/** An orientation manager's decision. */
export interface OrientationDecision {
  readonly status: OrientationRequestStatus.ACCEPTED | OrientationRequestStatus.DENIED;
  readonly decidedByMembershipId: string;
  readonly reason: string | null;
  readonly targetStructureId: string | null;
}

/** The `orientation_request` table: its one owner. */
@Injectable()
export class OrientationRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One request about a person, for a caller whose right to decide the service checks on it. */
  findById(
    scope: ReadScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrientationRequestEntity | null> {
    return manager.findOneBy(OrientationRequestEntity, { id });
  }

  /** Whether a request is already pending for the person. */
  hasPending(personId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(OrientationRequestEntity, {
      personId,
      status: OrientationRequestStatus.PENDING,
    });
  }

  /** Writes a request; the pending-request unique index is the caller's backstop. */
  create(
    request: NewOrientationRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrientationRequestEntity> {
    return manager.save(manager.create(OrientationRequestEntity, request));
  }

  /**
   * Decides, if still pending: the conditional update decides between concurrent decisions.
   * False when another decision came first.
   */
  async decide(
    requestId: string,
    decision: OrientationDecision,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE orientation_request SET status = $2, decided_at = now(),
         decided_by_membership_id = $3, decision_reason = $4, target_structure_id = $5
        WHERE id = $1 AND status = 'PENDING'`,
      [
        requestId,
        decision.status,
        decision.decidedByMembershipId,
        decision.reason,
        decision.targetStructureId,
      ],
    );
    return affected > 0;
  }

  /** The handover an accepted request started. */
  async linkHandover(
    requestId: string,
    handoverId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(OrientationRequestEntity, { id: requestId }, { handoverId });
  }
}
