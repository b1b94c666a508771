import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, viewerScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import { MembershipHandoverRepository, type Principal, Role } from '@relais/identity';
import { type OrientationType, ReferentChangeRepository, resolveAudience } from '@relais/pathways';
import { recordOrientationChange } from './handover-change.js';
import { OrientationRequestStatus } from './handover.enums.js';
import { HandoverProposalService } from './handover-proposal.service.js';
import { mapOpenHandoverConflict, refuseClosedFile, uniqueViolationOf } from './handover.rules.js';
import type { DecideOrientation } from './handover.views.js';
import { OrientationRequestRepository } from './orientation-request.repository.js';

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
 * denies it with a reason. Each returns the request's id: the caller reads its view
 * (`OrientationRequestListReadModel`, which also lists them) once the change committed.
 */
@Injectable()
export class OrientationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverProposalService,
    private readonly requests: OrientationRequestRepository,
    private readonly teams: ReferentChangeRepository,
    private readonly memberships: MembershipHandoverRepository,
  ) {}

  async request(
    principal: Principal,
    personId: string,
    orientationType: OrientationType,
    reason: string,
  ): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const person = await this.teams.findPerson(scope, personId, manager);
        if (!person) throw forbidden();
        const referent = await this.teams.referentOf(scope, person.id, manager);
        const acting = principal.memberships.find(
          (m) => referent && m.id === referent.membershipId,
        );
        if (!referent || !acting) throw forbidden();
        refuseClosedFile(person);
        if (await this.requests.hasPending(personId, manager)) throw pendingConflict();
        const request = await this.requests.create(
          {
            personId,
            territoryId: person.territoryId,
            requestedByAccountId: principal.accountId,
            requestedByMembershipId: acting.id,
            orientationType,
            reason: reason.trim(),
          },
          manager,
        );
        await recordOrientationChange(
          manager,
          {
            type: EventType.ORIENTATION_REQUESTED,
            orientationRequestId: request.id,
            personId,
            actor: { accountId: principal.accountId, membershipId: acting.id },
            after: { orientationType },
          },
          async () => ({
            territoryId: person.territoryId,
            structureIds: [referent.structureId],
            recipientAccountIds: await resolveAudience(manager, {
              orientationManagersOf: person.territoryId,
            }),
            payload: {
              orientationRequestId: request.id,
              personId,
              orientationType,
              status: OrientationRequestStatus.PENDING,
            },
          }),
        );
        return request.id;
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
  ): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    return mapOpenHandoverConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const request = await this.requests.findById(scope, requestId, manager);
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
        const decided = await this.requests.decide(
          request.id,
          {
            status,
            decidedByMembershipId: acting.id,
            reason,
            targetStructureId: decision.targetStructureId ?? null,
          },
          manager,
        );
        if (!decided) throw decidedConflict();
        const actor = { accountId: principal.accountId, membershipId: acting.id };
        let handoverId: string | null = null;
        if (decision.accept && decision.targetStructureId) {
          const person = await this.teams.getPerson(scope, request.personId, manager);
          handoverId = await this.handovers.proposeIn(manager, {
            person,
            referent: await this.teams.referentOf(scope, person.id, manager),
            proposer: actor,
            toStructureId: decision.targetStructureId,
            toAccountId: decision.referentAccountId ?? null,
            reason: request.reason,
            // The orientation decision is notified to the person (RSA: by the département).
            personInformed: true,
            orientationRequestId: request.id,
            fields: { toStructureId: 'targetStructureId', toAccountId: 'referentAccountId' },
          });
          await this.requests.linkHandover(request.id, handoverId, manager);
        }
        await recordOrientationChange(
          manager,
          {
            type: decision.accept ? EventType.ORIENTATION_ACCEPTED : EventType.ORIENTATION_DENIED,
            orientationRequestId: request.id,
            personId: request.personId,
            actor,
            after: {
              orientationType: request.orientationType,
              targetStructureId: decision.accept ? decision.targetStructureId : null,
              handoverId,
            },
          },
          async () => {
            // The requester's structure and the target: partners scoped to either see it.
            const requesterStructureId = await this.memberships.structureIdOf(
              request.requestedByMembershipId,
              manager,
            );
            return {
              territoryId: request.territoryId,
              structureIds: [
                ...(requesterStructureId ? [requesterStructureId] : []),
                ...(decision.accept && decision.targetStructureId
                  ? [decision.targetStructureId]
                  : []),
              ],
              recipientAccountIds: [request.requestedByAccountId],
              payload: {
                orientationRequestId: request.id,
                personId: request.personId,
                orientationType: request.orientationType,
                status,
                targetStructureId: decision.accept ? decision.targetStructureId : null,
                handoverId,
              },
            };
          },
        );
        return request.id;
      }),
    );
  }
}

function decidedConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.OrientationAlreadyDecided,
    'This request was already decided.',
  );
}
