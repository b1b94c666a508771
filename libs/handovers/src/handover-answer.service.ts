import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType, resolveAudience } from '@relais/events';
import type { Principal } from '@relais/identity';
import { PersonEntity, TeamLeaveReason, TeamMemberEntity, TeamRole } from '@relais/pathways';
import { recordHandoverChange } from './handover-change.js';
import { loadHandover } from './handover-query.service.js';
import { HandoverEntity } from './handover.entity.js';
import { HandoverStatus } from './handover.enums.js';
import {
  answeredConflict,
  deciderOf,
  payloadOf,
  professionalMembership,
  referentOf,
  refuseAnswered,
  refuseClosedFile,
  structuresOf,
} from './handover.rules.js';
import type { AcceptHandover, HandoverView } from './handover.views.js';

/**
 * Answering a handover (DOMAIN.md, handover): accepting, declining, cancelling. Each answer is an
 * `UPDATE ... WHERE status = 'PROPOSED'` whose row count decides: of many concurrent answers,
 * exactly one wins and the others get CONFLICT.
 */
@Injectable()
export class HandoverAnswerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * By an admin of the target structure, the named professional or an orientation manager of the
   * territory. One transaction: the answer, the referent, the team, the orientation when the
   * handover came from an orientation request, the timeline and the outbox.
   */
  async accept(
    principal: Principal,
    handoverId: string,
    input: AcceptHandover,
  ): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const handover = await manager.findOneBy(HandoverEntity, { id: handoverId });
      if (!handover) throw forbidden();
      const acting = deciderOf(principal, handover);
      refuseAnswered(handover);
      const newReferentAccountId = input.newReferentAccountId ?? handover.toAccountId;
      if (!newReferentAccountId) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.FieldRequired,
          'newReferentAccountId is required: no professional was named in the proposal',
          { field: 'newReferentAccountId' },
        );
      }
      const membershipId = await professionalMembership(
        manager,
        newReferentAccountId,
        handover.toStructureId,
      );
      if (!membershipId) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.NotInStructure,
          'newReferentAccountId must be a professional of the target structure',
          { field: 'newReferentAccountId' },
        );
      }
      const person = await manager.findOneByOrFail(PersonEntity, { id: handover.personId });
      refuseClosedFile(person);
      // Objection (RGPD): no new team member without the person's recorded agreement.
      const alreadyInTeam = await manager.existsBy(TeamMemberEntity, {
        personId: person.id,
        accountId: newReferentAccountId,
        leftAt: IsNull(),
      });
      if (person.objection && !alreadyInTeam && input.personAgreed !== true) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.PersonAgreementRequired,
          'personAgreed must be true: the person objected to sharing, record their agreement to the new referent first',
          { field: 'personAgreed' },
        );
      }
      await this.answer(
        manager,
        handover.id,
        HandoverStatus.ACCEPTED,
        `decided_by_account_id = $3, decided_by_membership_id = $4,
         new_referent_account_id = $5, new_referent_membership_id = $6`,
        [principal.accountId, acting.id, newReferentAccountId, membershipId],
      );

      const [formerRows] = await manager.query<
        [{ id: string; account_id: string; membership_id: string; structure_id: string }[], number]
      >(
        `UPDATE team_member SET left_at = now(), left_reason = $2
          WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL
          RETURNING id, account_id, membership_id, structure_id`,
        [person.id, TeamLeaveReason.HANDOVER],
      );
      const former = formerRows[0] ?? null;
      // The new referent leaves their follower stay for the referent's one.
      await manager.query(
        `UPDATE team_member SET left_at = now(), left_reason = $3
          WHERE person_id = $1 AND account_id = $2 AND role = 'FOLLOWER' AND left_at IS NULL`,
        [person.id, newReferentAccountId, TeamLeaveReason.LEFT],
      );
      const stays = input.formerReferentStaysAsFollower === true;
      if (stays && former && former.account_id !== newReferentAccountId) {
        await manager.insert(TeamMemberEntity, {
          personId: person.id,
          accountId: former.account_id,
          membershipId: former.membership_id,
          structureId: former.structure_id,
          role: TeamRole.FOLLOWER,
          joinReason: 'Ancien référent, reste dans l’équipe après le passage de relais',
        });
      }
      await manager.insert(TeamMemberEntity, {
        personId: person.id,
        accountId: newReferentAccountId,
        membershipId,
        structureId: handover.toStructureId,
        role: TeamRole.REFERENT,
        joinReason: 'Passage de relais',
      });
      let orientation: Record<string, unknown> = {};
      if (handover.orientationRequestId) {
        const [oriented] = await manager.query<[{ orientation_type: string }[], number]>(
          `UPDATE person SET orientation_type = o.orientation_type,
             orientation_structure_id = $2, version = person.version + 1, updated_at = now()
             FROM orientation_request o
            WHERE person.id = $1 AND o.id = $3
            RETURNING person.orientation_type`,
          [person.id, handover.toStructureId, handover.orientationRequestId],
        );
        orientation = {
          orientationType: oriented[0]?.orientation_type ?? null,
          orientationStructureId: handover.toStructureId,
        };
      }
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
            ...orientation,
          },
        },
        async () => ({
          territoryId: handover.territoryId,
          // Partners scoped to any structure of the team (after the change) learn the outcome too.
          structureIds: [
            ...structuresOf(handover),
            ...(
              await manager.query<{ structure_id: string }[]>(
                `SELECT DISTINCT structure_id FROM team_member WHERE person_id = $1 AND left_at IS NULL`,
                [person.id],
              )
            ).map((row) => row.structure_id),
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
      return loadHandover(manager, principal, handover.id);
    });
  }

  /** By the same deciders as accepting, with a reason. */
  async decline(principal: Principal, handoverId: string, reason: string): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    const text = reason.trim();
    return this.dataSource.transaction(async (manager) => {
      const handover = await manager.findOneBy(HandoverEntity, { id: handoverId });
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
      await this.answer(
        manager,
        handover.id,
        HandoverStatus.DECLINED,
        `decided_by_account_id = $3, decided_by_membership_id = $4, decline_reason = $5`,
        [principal.accountId, acting.id, text],
      );
      await recordHandoverChange(
        manager,
        {
          type: EventType.HANDOVER_DECLINED,
          handoverId: handover.id,
          personId: handover.personId,
          actor: { accountId: principal.accountId, membershipId: acting.id },
          after: { toStructureId: handover.toStructureId },
        },
        async () => ({
          territoryId: handover.territoryId,
          structureIds: structuresOf(handover),
          recipientAccountIds: await resolveAudience(manager, {
            accountIds: [handover.proposedByAccountId, handover.fromReferentAccountId],
          }),
          payload: payloadOf(handover, HandoverStatus.DECLINED),
        }),
      );
      return loadHandover(manager, principal, handover.id);
    });
  }

  /** By the proposer or the person's current referent. */
  async cancel(principal: Principal, handoverId: string): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const handover = await manager.findOneBy(HandoverEntity, { id: handoverId });
      if (!handover) throw forbidden();
      const referent = await referentOf(manager, handover.personId);
      const acting =
        principal.memberships.find((m) => referent && m.id === referent.membershipId) ??
        principal.memberships.find((m) => m.id === handover.proposedByMembershipId);
      if (!acting) throw forbidden();
      refuseAnswered(handover);
      await this.answer(
        manager,
        handover.id,
        HandoverStatus.CANCELLED,
        `decided_by_account_id = $3, decided_by_membership_id = $4`,
        [principal.accountId, acting.id],
      );
      await recordHandoverChange(
        manager,
        {
          type: EventType.HANDOVER_CANCELLED,
          handoverId: handover.id,
          personId: handover.personId,
          actor: { accountId: principal.accountId, membershipId: acting.id },
          after: { toStructureId: handover.toStructureId },
        },
        async () => ({
          territoryId: handover.territoryId,
          structureIds: structuresOf(handover),
          recipientAccountIds: await resolveAudience(manager, {
            accountIds: [handover.toAccountId],
            structureAdminsOf: [handover.toStructureId],
          }),
          payload: payloadOf(handover, HandoverStatus.CANCELLED),
        }),
      );
      return loadHandover(manager, principal, handover.id);
    });
  }

  /** The conditional answer: exactly one of concurrent answers finds the row still PROPOSED. */
  private async answer(
    manager: EntityManager,
    handoverId: string,
    status: HandoverStatus,
    set: string,
    params: unknown[],
  ): Promise<void> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE handover SET status = $2, decided_at = now(), ${set}
        WHERE id = $1 AND status = 'PROPOSED' AND expires_at > now()`,
      [handoverId, status, ...params],
    );
    if (affected === 0) throw answeredConflict();
  }
}
