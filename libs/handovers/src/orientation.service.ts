import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason, type Page, toPage } from '@relais/core';
import { EventType, resolveAudience, writeOutbox } from '@relais/events';
import { type Principal, Role } from '@relais/identity';
import { appendTimeline, type OrientationType, PersonEntity, timePosition } from '@relais/pathways';
import { OrientationRequestStatus } from './handover.enums.js';
import {
  ORIENTATION_REQUEST_SELECT,
  type OrientationRequestRow,
  orientationRequestOf,
  uniqueViolationOf,
} from './handover.queries.js';
import { HandoverProposalService } from './handover-proposal.service.js';
import { mapOpenHandoverConflict, referentOf, refuseClosedFile } from './handover.rules.js';
import type { DecideOrientation, OrientationRequestView } from './handover.views.js';
import { OrientationRequestEntity } from './orientation-request.entity.js';

/** One pending request per person, as the database enforces it. */
const PENDING_REQUEST_INDEX = 'UQ_orientation_request_pending';

function pendingConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.OrientationAlreadyPending,
    'An orientation request is already pending for this person.',
  );
}

/**
 * Orientation (DOMAIN.md): the referent asks for a (re)orientation with a reason; an orientation
 * manager of the territory accepts it, which starts a handover to the structure they choose, or
 * denies it with a reason.
 */
@Injectable()
export class OrientationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverProposalService,
  ) {}

  async request(
    principal: Principal,
    personId: string,
    orientationType: OrientationType,
    reason: string,
  ): Promise<OrientationRequestView> {
    if (principal.kind !== 'account') throw forbidden();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const person = await manager.findOneBy(PersonEntity, { id: personId });
        if (!person) throw forbidden();
        const referent = await referentOf(manager, person.id);
        const acting = principal.memberships.find(
          (m) => referent && m.id === referent.membershipId,
        );
        if (!referent || !acting) throw forbidden();
        refuseClosedFile(person);
        const pending = await manager.existsBy(OrientationRequestEntity, {
          personId,
          status: OrientationRequestStatus.PENDING,
        });
        if (pending) throw pendingConflict();
        const request = await manager.save(
          manager.create(OrientationRequestEntity, {
            personId,
            territoryId: person.territoryId,
            requestedByAccountId: principal.accountId,
            requestedByMembershipId: acting.id,
            orientationType,
            reason: reason.trim(),
          }),
        );
        await appendTimeline(
          manager,
          { personId, accountId: principal.accountId, membershipId: acting.id, clientId: null },
          {
            type: EventType.ORIENTATION_REQUESTED,
            subjectType: 'OrientationRequest',
            subjectId: request.id,
            after: { orientationType },
          },
        );
        await writeOutbox(manager, {
          type: EventType.ORIENTATION_REQUESTED,
          territoryId: person.territoryId,
          structureIds: [referent.structureId],
          personId,
          actor: { accountId: principal.accountId, membershipId: acting.id },
          recipientAccountIds: await resolveAudience(manager, {
            orientationManagersOf: person.territoryId,
          }),
          payload: {
            orientationRequestId: request.id,
            personId,
            orientationType,
            status: OrientationRequestStatus.PENDING,
          },
        });
        return this.load(manager, principal, request.id);
      });
    } catch (error) {
      if (uniqueViolationOf(error) === PENDING_REQUEST_INDEX) throw pendingConflict();
      throw error;
    }
  }

  /**
   * By an orientation manager of the territory. Accepting names the target structure (and
   * optionally the referent) and proposes the handover in the same transaction; denying needs a
   * reason.
   */
  async decide(
    principal: Principal,
    requestId: string,
    decision: DecideOrientation,
  ): Promise<OrientationRequestView> {
    if (principal.kind !== 'account') throw forbidden();
    return mapOpenHandoverConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const request = await manager.findOneBy(OrientationRequestEntity, { id: requestId });
        if (!request) throw forbidden();
        const acting = principal.memberships.find(
          (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === request.territoryId,
        );
        if (!acting) throw forbidden();
        if (request.status !== OrientationRequestStatus.PENDING) throw decidedConflict();
        const reason = decision.reason?.trim() || null;
        if (decision.accept && !decision.targetStructureId) {
          throw new DomainError(
            DomainErrorCode.InvalidInput,
            DomainErrorReason.FieldRequired,
            'targetStructureId is required to accept: choose the structure the person goes to',
            { field: 'targetStructureId' },
          );
        }
        if (!decision.accept && !reason) {
          throw new DomainError(
            DomainErrorCode.InvalidInput,
            DomainErrorReason.FieldRequired,
            'reason is required to deny',
            {
              field: 'reason',
            },
          );
        }
        const status = decision.accept
          ? OrientationRequestStatus.ACCEPTED
          : OrientationRequestStatus.DENIED;
        // The conditional update decides between concurrent decisions.
        const [, affected] = await manager.query<[unknown[], number]>(
          `UPDATE orientation_request SET status = $2, decided_at = now(),
             decided_by_membership_id = $3, decision_reason = $4, target_structure_id = $5
            WHERE id = $1 AND status = 'PENDING'`,
          [request.id, status, acting.id, reason, decision.targetStructureId ?? null],
        );
        if (affected === 0) throw decidedConflict();
        const actor = { accountId: principal.accountId, membershipId: acting.id };
        let handoverId: string | null = null;
        if (decision.accept && decision.targetStructureId) {
          const person = await manager.findOneByOrFail(PersonEntity, { id: request.personId });
          handoverId = await this.handovers.proposeIn(manager, {
            person,
            referent: await referentOf(manager, person.id),
            proposer: actor,
            toStructureId: decision.targetStructureId,
            toAccountId: decision.referentAccountId ?? null,
            reason: request.reason,
            // The orientation decision is notified to the person (RSA: by the département).
            personInformed: true,
            orientationRequestId: request.id,
            fields: { toStructureId: 'targetStructureId', toAccountId: 'referentAccountId' },
          });
          await manager.update(OrientationRequestEntity, { id: request.id }, { handoverId });
        }
        await appendTimeline(
          manager,
          { personId: request.personId, ...actor, clientId: null },
          {
            type: decision.accept ? EventType.ORIENTATION_ACCEPTED : EventType.ORIENTATION_DENIED,
            subjectType: 'OrientationRequest',
            subjectId: request.id,
            after: {
              orientationType: request.orientationType,
              targetStructureId: decision.accept ? decision.targetStructureId : null,
              handoverId,
            },
          },
        );
        await writeOutbox(manager, {
          type: decision.accept ? EventType.ORIENTATION_ACCEPTED : EventType.ORIENTATION_DENIED,
          territoryId: request.territoryId,
          // The requester's structure and the target: partners scoped to either see it.
          structureIds: [
            ...(await this.requesterStructureOf(manager, request)),
            ...(decision.accept && decision.targetStructureId ? [decision.targetStructureId] : []),
          ],
          personId: request.personId,
          actor,
          recipientAccountIds: [request.requestedByAccountId],
          payload: {
            orientationRequestId: request.id,
            personId: request.personId,
            orientationType: request.orientationType,
            status,
            targetStructureId: decision.accept ? decision.targetStructureId : null,
            handoverId,
          },
        });
        return this.load(manager, principal, request.id);
      }),
    );
  }

  /** The requests of the territories the caller manages orientations for, oldest first. */
  async list(
    principal: Principal,
    status: OrientationRequestStatus | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<OrientationRequestView>> {
    const territories = principal.memberships
      .filter((m) => m.role === Role.ORIENTATION_MANAGER)
      .map((m) => m.territoryId)
      .filter((id): id is string => id !== null);
    if (principal.kind !== 'account' || territories.length === 0) throw forbidden();
    const params: unknown[] = [principal.memberships.map((m) => m.id), territories];
    const where = ['o.territory_id = ANY($2::uuid[])'];
    if (status) {
      params.push(status);
      where.push(`o.status = $${params.length}`);
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(o.created_at, o.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<OrientationRequestRow[]>(
      `${ORIENTATION_REQUEST_SELECT}
       WHERE ${where.join(' AND ')}
       ORDER BY o.created_at, o.id
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.request_id]);
    return { ...page, nodes: page.nodes.map(orientationRequestOf) };
  }

  private async requesterStructureOf(
    manager: EntityManager,
    request: OrientationRequestEntity,
  ): Promise<string[]> {
    const rows = await manager.query<{ structure_id: string | null }[]>(
      `SELECT structure_id FROM membership WHERE id = $1`,
      [request.requestedByMembershipId],
    );
    return rows[0]?.structure_id ? [rows[0].structure_id] : [];
  }

  private async load(
    manager: EntityManager,
    principal: Principal,
    requestId: string,
  ): Promise<OrientationRequestView> {
    const rows = await manager.query<OrientationRequestRow[]>(
      `${ORIENTATION_REQUEST_SELECT} WHERE o.id = $2`,
      [principal.memberships.map((m) => m.id), requestId],
    );
    return orientationRequestOf(rows[0]);
  }
}

function decidedConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.OrientationAlreadyDecided,
    'This request was already decided.',
  );
}
