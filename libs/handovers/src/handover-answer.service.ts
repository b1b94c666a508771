import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden, viewerScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type AudienceSpec, EventType } from '@relais/events';
import { MembershipHandoverRepository, type Principal } from '@relais/identity';
import { ReferentChangeRepository, resolveAudience } from '@relais/pathways';
import { HandoverAcceptanceContext } from './handover-acceptance-context.js';
import { recordHandoverChange } from './handover-change.js';
import { checkNewContractType } from './handover-context.js';
import type { HandoverEntity } from './handover.entity.js';
import { HandoverStatus } from './handover.enums.js';
import { HandoverRepository } from './handover.repository.js';
import {
  answeredConflict,
  deciderOf,
  payloadOf,
  refuseAnswered,
  refuseClosedFile,
  structuresOf,
} from './handover.rules.js';
import type { AcceptHandover } from './handover.views.js';

/**
 * A decline or a cancel: the handover closed with no change of referent, its timeline row and its
 * event for the other party.
 */
async function recordClosed(
  manager: EntityManager,
  handover: HandoverEntity,
  accountId: string,
  membershipId: string,
  status: HandoverStatus.DECLINED | HandoverStatus.CANCELLED,
  audience: AudienceSpec,
): Promise<void> {
  await recordHandoverChange(
    manager,
    {
      type:
        status === HandoverStatus.DECLINED
          ? EventType.HANDOVER_DECLINED
          : EventType.HANDOVER_CANCELLED,
      handoverId: handover.id,
      personId: handover.personId,
      actor: { accountId, membershipId },
      after: { toStructureId: handover.toStructureId },
    },
    async () => ({
      territoryId: handover.territoryId,
      structureIds: structuresOf(handover),
      recipientAccountIds: await resolveAudience(manager, audience),
      payload: payloadOf(handover, status),
    }),
  );
}

/**
 * Answering a handover (DOMAIN.md, handover): accepting, declining, cancelling. Each answer is an
 * `UPDATE ... WHERE status = 'PROPOSED'` whose row count decides: of many concurrent answers,
 * exactly one wins and the others get CONFLICT. Each returns the handover's id: the caller reads
 * its view (`HandoverListReadModel`) once the answer committed.
 */
@Injectable()
export class HandoverAnswerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverRepository,
    private readonly teams: ReferentChangeRepository,
    private readonly memberships: MembershipHandoverRepository,
    private readonly context: HandoverAcceptanceContext,
  ) {}

  /**
   * By an admin of the target structure, the named professional or an orientation manager of the
   * territory. One transaction: the answer, the referent, the team, the orientation (asked by an
   * orientation request, or confirmed or changed by the new referent), the contracts closed and
   * opened, the timeline and the outbox: a failure of any leaves all as it was.
   */
  async accept(principal: Principal, handoverId: string, input: AcceptHandover): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const handover = await this.handovers.findById(scope, handoverId, manager);
      if (!handover) throw forbidden();
      const acting = deciderOf(principal, handover);
      refuseAnswered(handover);
      checkNewContractType(input.newContractType);
      const newReferentAccountId = input.newReferentAccountId ?? handover.toAccountId;
      if (!newReferentAccountId) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.FieldRequired,
          'newReferentAccountId is required: no professional was named in the proposal',
          { field: 'newReferentAccountId' },
        );
      }
      const membershipId = await this.memberships.professionalMembership(
        newReferentAccountId,
        handover.toStructureId,
        manager,
      );
      if (!membershipId) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.NotInStructure,
          'newReferentAccountId must be a professional of the target structure',
          { field: 'newReferentAccountId' },
        );
      }
      const person = await this.teams.getPerson(scope, handover.personId, manager);
      refuseClosedFile(person);
      // Objection (RGPD): no new team member without the person's recorded agreement.
      const alreadyInTeam = await this.teams.isActiveMember(
        person.id,
        newReferentAccountId,
        manager,
      );
      if (person.objection && !alreadyInTeam && input.personAgreed !== true) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.PersonAgreementRequired,
          'personAgreed must be true: the person objected to sharing, record their agreement to the new referent first',
          { field: 'personAgreed' },
        );
      }
      const accepted = await this.handovers.accept(
        handover.id,
        { accountId: principal.accountId, membershipId: acting.id },
        { accountId: newReferentAccountId, membershipId },
        manager,
      );
      if (!accepted) throw answeredConflict();
      const stays = input.formerReferentStaysAsFollower === true;
      const former = await this.teams.replaceReferent(
        {
          personId: person.id,
          accountId: newReferentAccountId,
          membershipId,
          structureId: handover.toStructureId,
          formerStaysAsFollower: stays,
        },
        manager,
      );
      const context = await this.context.apply(manager, {
        person,
        handover,
        requestedOrientation: accepted.orientationType,
        newReferentMembershipId: membershipId,
        input,
      });
      await recordHandoverChange(
        manager,
        {
          type: EventType.HANDOVER_ACCEPTED,
          handoverId: handover.id,
          personId: person.id,
          actor: { accountId: principal.accountId, membershipId: acting.id },
          before: {
            referentAccountId: former?.account_id ?? null,
            referentStructureId: former?.structure_id ?? null,
          },
          after: {
            referentAccountId: newReferentAccountId,
            referentStructureId: handover.toStructureId,
            formerReferentStaysAsFollower: stays && !!former,
            ...context,
          },
        },
        async () => ({
          territoryId: handover.territoryId,
          // Partners scoped to any structure of the team (after the change) learn the outcome too.
          structureIds: [
            ...structuresOf(handover),
            ...(await this.teams.activeStructureIds(person.id, manager)),
          ],
          // The team is read after the change: the new referent, and the former one if they stay.
          recipientAccountIds: await resolveAudience(manager, {
            accountIds: [
              handover.proposedByAccountId,
              handover.fromReferentAccountId,
              former?.account_id,
              newReferentAccountId,
            ],
            teamOf: person.id,
          }),
          payload: {
            handoverId: handover.id,
            personId: person.id,
            fromStructureId: handover.fromStructureId,
            toStructureId: handover.toStructureId,
            newReferentAccountId,
            status: HandoverStatus.ACCEPTED,
          },
        }),
      );
      return handover.id;
    });
  }

  /** By the same deciders as accepting, with a reason. */
  async decline(principal: Principal, handoverId: string, reason: string): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const text = reason.trim();
    const scope = viewerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const handover = await this.handovers.findById(scope, handoverId, manager);
      if (!handover) throw forbidden();
      const acting = deciderOf(principal, handover);
      refuseAnswered(handover);
      if (!text) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.FieldRequired,
          'reason is required to decline',
          {
            field: 'reason',
          },
        );
      }
      const declined = await this.handovers.decline(
        handover.id,
        { accountId: principal.accountId, membershipId: acting.id },
        text,
        manager,
      );
      if (!declined) throw answeredConflict();
      await recordClosed(
        manager,
        handover,
        principal.accountId,
        acting.id,
        HandoverStatus.DECLINED,
        {
          accountIds: [handover.proposedByAccountId, handover.fromReferentAccountId],
        },
      );
      return handover.id;
    });
  }

  /** By the proposer or the person's current referent. */
  async cancel(principal: Principal, handoverId: string): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const handover = await this.handovers.findById(scope, handoverId, manager);
      if (!handover) throw forbidden();
      const referent = await this.teams.referentOf(scope, handover.personId, manager);
      const acting =
        principal.memberships.find((m) => referent && m.id === referent.membershipId) ??
        principal.memberships.find((m) => m.id === handover.proposedByMembershipId);
      if (!acting) throw forbidden();
      refuseAnswered(handover);
      const cancelled = await this.handovers.cancel(
        handover.id,
        { accountId: principal.accountId, membershipId: acting.id },
        manager,
      );
      if (!cancelled) throw answeredConflict();
      await recordClosed(
        manager,
        handover,
        principal.accountId,
        acting.id,
        HandoverStatus.CANCELLED,
        { accountIds: [handover.toAccountId], structureAdminsOf: [handover.toStructureId] },
      );
      return handover.id;
    });
  }
}
