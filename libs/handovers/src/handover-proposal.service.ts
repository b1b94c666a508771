import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType, resolveAudience } from '@relais/events';
import { type Principal, Role } from '@relais/identity';
import { PersonEntity, type TeamMemberEntity } from '@relais/pathways';
import { recordHandoverChange } from './handover-change.js';
import { loadHandover } from './handover-query.service.js';
import { HandoverEntity } from './handover.entity.js';
import { HANDOVER_EXPIRY_DAYS, HandoverStatus } from './handover.enums.js';
import {
  mapOpenHandoverConflict,
  openConflict,
  professionalMembership,
  referentOf,
  refuseClosedFile,
} from './handover.rules.js';
import type { HandoverView, ProposeHandover } from './handover.views.js';

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
  /** The input fields to name in errors, when they are called otherwise. */
  readonly fields?: { readonly toStructureId?: string; readonly toAccountId?: string };
}

/**
 * Proposing a handover (DOMAIN.md, handover): by the person's referent, or by an orientation
 * manager accepting an orientation request (`OrientationService`, through `proposeIn`).
 */
@Injectable()
export class HandoverProposalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By the person's referent (with their team membership) or an orientation manager. */
  async propose(principal: Principal, input: ProposeHandover): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    return mapOpenHandoverConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const person = await manager.findOneBy(PersonEntity, { id: input.personId });
        if (!person) throw forbidden();
        const referent = await referentOf(manager, person.id);
        const acting =
          principal.memberships.find((m) => referent && m.id === referent.membershipId) ??
          principal.memberships.find(
            (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === person.territoryId,
          );
        if (!acting) throw forbidden();
        const id = await this.proposeIn(manager, {
          person,
          referent,
          proposer: { accountId: principal.accountId, membershipId: acting.id },
          toStructureId: input.toStructureId,
          toAccountId: input.toAccountId ?? null,
          reason: input.reason,
          personInformed: input.personInformed,
        });
        return loadHandover(manager, principal, id);
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
    refuseClosedFile(person);
    const structure = await manager.query<unknown[]>(
      `SELECT 1 FROM structure WHERE id = $1 AND territory_id = $2`,
      [proposal.toStructureId, person.territoryId],
    );
    if (structure.length === 0) {
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
      !(await professionalMembership(manager, proposal.toAccountId, proposal.toStructureId))
    ) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotInStructure,
        `${accountField} must be a professional of the target structure`,
        { field: accountField },
      );
    }
    const open = await manager.existsBy(HandoverEntity, {
      personId: person.id,
      status: HandoverStatus.PROPOSED,
    });
    if (open) throw openConflict();
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO handover (person_id, territory_id, from_structure_id, from_referent_account_id,
         proposed_by_account_id, proposed_by_membership_id, to_structure_id, to_account_id, reason,
         person_informed, status, orientation_request_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, 'PROPOSED', $10,
         now() + make_interval(days => $11))
       RETURNING id`,
      [
        person.id,
        person.territoryId,
        referent?.structureId ?? null,
        referent?.accountId ?? null,
        proposal.proposer.accountId,
        proposal.proposer.membershipId,
        proposal.toStructureId,
        proposal.toAccountId,
        proposal.reason.trim(),
        proposal.orientationRequestId ?? null,
        HANDOVER_EXPIRY_DAYS,
      ],
    );
    const id = rows[0].id;
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
