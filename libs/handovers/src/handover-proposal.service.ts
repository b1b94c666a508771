import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden, viewerScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import { MembershipHandoverRepository, type Principal, Role } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import {
  type PersonEntity,
  ReferentChangeRepository,
  resolveAudience,
  type TeamMemberEntity,
} from '@relais/pathways';
import { recordHandoverChange } from './handover-change.js';
import { type HandoverSummary, storedPreviewParts, storedSummary } from './handover-context.js';
import { HANDOVER_EXPIRY_DAYS, HandoverStatus } from './handover.enums.js';
import { HandoverRepository } from './handover.repository.js';
import { mapOpenHandoverConflict, openConflict, refuseClosedFile } from './handover.rules.js';
import type { ProposeHandover } from './handover.views.js';

/** What a proposal needs, whoever makes it (a referent, or an orientation manager deciding). */
export interface Proposal {
  readonly person: PersonEntity;
  readonly referent: TeamMemberEntity | null;
  readonly proposer: { readonly accountId: string; readonly membershipId: string };
  readonly toStructureId: string;
  readonly toAccountId: string | null;
  readonly reason: string;
  readonly personInformed: boolean;
  readonly orientationRequestId?: string | null;
  /** The proposer's summary and the parts the target structure may preview. */
  readonly summary?: HandoverSummary | null;
  readonly previewParts?: readonly string[] | null;
  /** The input fields to name in errors, when they are called otherwise. */
  readonly fields?: { readonly toStructureId?: string; readonly toAccountId?: string };
}

/**
 * Proposing a handover (DOMAIN.md, handover): by the person's referent, or by an orientation
 * manager accepting an orientation request (`OrientationService`, through `proposeIn`).
 */
@Injectable()
export class HandoverProposalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverRepository,
    private readonly teams: ReferentChangeRepository,
    private readonly memberships: MembershipHandoverRepository,
    private readonly structures: StructureRepository,
  ) {}

  /**
   * By the person's referent (with their team membership) or an orientation manager. Returns the
   * handover's id: the caller reads its view once the proposal committed.
   */
  async propose(principal: Principal, input: ProposeHandover): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    return mapOpenHandoverConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const person = await this.teams.findPerson(scope, input.personId, manager);
        if (!person) throw forbidden();
        const referent = await this.teams.referentOf(scope, person.id, manager);
        const acting =
          principal.memberships.find((m) => referent && m.id === referent.membershipId) ??
          principal.memberships.find(
            (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === person.territoryId,
          );
        if (!acting) throw forbidden();
        return this.proposeIn(manager, {
          person,
          referent,
          proposer: { accountId: principal.accountId, membershipId: acting.id },
          toStructureId: input.toStructureId,
          toAccountId: input.toAccountId ?? null,
          reason: input.reason,
          personInformed: input.personInformed,
          summary: {
            situation: input.summarySituation,
            done: input.summaryDone,
            expected: input.summaryExpected,
          },
          previewParts: input.previewParts,
        });
      }),
    );
  }

  /**
   * Writes a proposal in the caller's transaction: checks, the row, its timeline entry and its
   * outbox event. Returns the handover's id. The caller maps the open-handover unique violation.
   */
  async proposeIn(manager: EntityManager, proposal: Proposal): Promise<string> {
    const { person, referent } = proposal;
    const structureField = proposal.fields?.toStructureId ?? 'toStructureId';
    const accountField = proposal.fields?.toAccountId ?? 'toAccountId';
    if (!proposal.personInformed) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.PersonNotInformed,
        'personInformed must be true: tell the person about the handover before proposing it',
        { field: 'personInformed' },
      );
    }
    const summary = storedSummary(proposal.summary);
    const previewParts = storedPreviewParts(proposal.previewParts);
    refuseClosedFile(person);
    const inTerritory = await this.structures.existsInTerritory(
      proposal.toStructureId,
      person.territoryId,
      manager,
    );
    if (!inTerritory) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.StructureOutsideTerritory,
        `${structureField} must be a structure of the person's territory`,
        { field: structureField },
      );
    }
    if (referent?.structureId === proposal.toStructureId) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.SameStructure,
        `${structureField} must be another structure than the referent's`,
        { field: structureField },
      );
    }
    if (
      proposal.toAccountId &&
      !(await this.memberships.professionalMembership(
        proposal.toAccountId,
        proposal.toStructureId,
        manager,
      ))
    ) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotInStructure,
        `${accountField} must be a professional of the target structure`,
        { field: accountField },
      );
    }
    if (await this.handovers.hasOpen(person.id, manager)) throw openConflict();
    const id = await this.handovers.insert(
      {
        personId: person.id,
        territoryId: person.territoryId,
        fromStructureId: referent?.structureId ?? null,
        fromReferentAccountId: referent?.accountId ?? null,
        proposedByAccountId: proposal.proposer.accountId,
        proposedByMembershipId: proposal.proposer.membershipId,
        toStructureId: proposal.toStructureId,
        toAccountId: proposal.toAccountId,
        reason: proposal.reason.trim(),
        summary,
        previewParts,
        orientationRequestId: proposal.orientationRequestId ?? null,
        expiryDays: HANDOVER_EXPIRY_DAYS,
      },
      manager,
    );
    await recordHandoverChange(
      manager,
      {
        type: EventType.HANDOVER_PROPOSED,
        handoverId: id,
        personId: person.id,
        actor: proposal.proposer,
        // The reason stays with the parties: the timeline says who and where, not why.
        after: {
          fromStructureId: referent?.structureId ?? null,
          toStructureId: proposal.toStructureId,
          toAccountId: proposal.toAccountId,
        },
      },
      async () => ({
        territoryId: person.territoryId,
        structureIds: [referent?.structureId, proposal.toStructureId].filter(
          (s): s is string => !!s,
        ),
        recipientAccountIds: await resolveAudience(manager, {
          accountIds: [proposal.toAccountId],
          structureAdminsOf: [proposal.toStructureId],
          orientationManagersOf: person.territoryId,
        }),
        payload: {
          handoverId: id,
          personId: person.id,
          fromStructureId: referent?.structureId ?? null,
          toStructureId: proposal.toStructureId,
          toAccountId: proposal.toAccountId,
          status: HandoverStatus.PROPOSED,
        },
      }),
    );
    return id;
  }
}
