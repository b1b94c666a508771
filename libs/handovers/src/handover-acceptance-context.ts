import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { StructureRepository } from '@relais/organizations';
import {
  HandoverContextRepository,
  type OrientationType,
  type PersonEntity,
} from '@relais/pathways';
import type { AcceptanceContext } from './handover-context.js';
import type { HandoverEntity } from './handover.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What an acceptance changes beyond the referent, as its timeline entry says it. */
export interface AppliedContext {
  orientationType?: OrientationType;
  orientationStructureId?: string;
  closedContracts?: string[];
  newContractType?: string;
  newContractEndsOn?: string | null;
}

/**
 * The orientation and contracts an acceptance sets (issue 19), written in the acceptance's
 * transaction through pathways' repository (one owner per table). Each check is made where its
 * value is written: a refusal rolls back the whole acceptance, referent included.
 */
@Injectable()
export class HandoverAcceptanceContext {
  constructor(
    private readonly files: HandoverContextRepository,
    private readonly structures: StructureRepository,
  ) {}

  async apply(
    manager: EntityManager,
    acceptance: {
      readonly person: PersonEntity;
      readonly handover: HandoverEntity;
      /** The type the handover's orientation request asked for, if any. */
      readonly requestedOrientation: OrientationType | null;
      readonly newReferentMembershipId: string;
      readonly input: AcceptanceContext;
    },
  ): Promise<AppliedContext> {
    const { person, handover, input } = acceptance;
    const applied: AppliedContext = {};
    const chosen = !!input.orientationType || !!input.orientationStructureId;
    if (chosen || acceptance.requestedOrientation) {
      const type =
        input.orientationType ?? acceptance.requestedOrientation ?? person.orientationType;
      if (!type) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.FieldRequired,
          'orientationType is required: the person has no orientation yet',
          { field: 'orientationType' },
        );
      }
      const structureId = input.orientationStructureId ?? handover.toStructureId;
      if (!(await this.structures.existsInTerritory(structureId, person.territoryId, manager))) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.StructureOutsideTerritory,
          'orientationStructureId must be a structure of the person’s territory',
          { field: 'orientationStructureId' },
        );
      }
      await this.files.orient(person.id, { type, structureId }, manager);
      applied.orientationType = type;
      applied.orientationStructureId = structureId;
    }
    if (input.closeCurrentContract) {
      applied.closedContracts = await this.files.closeRunningContracts(person.id, manager);
    }
    if (input.newContractType) {
      const endsOn = input.newContractEndsOn ?? null;
      if (endsOn !== null) {
        const today = await this.files.today(manager);
        if (!DATE.test(endsOn) || Number.isNaN(Date.parse(endsOn))) {
          throw new DomainError(
            DomainErrorCode.InvalidInput,
            DomainErrorReason.InvalidFormat,
            'newContractEndsOn must be a date (YYYY-MM-DD)',
            { field: 'newContractEndsOn' },
          );
        }
        if (endsOn <= today) {
          throw new DomainError(
            DomainErrorCode.InvalidInput,
            DomainErrorReason.DatesOutOfOrder,
            'newContractEndsOn must be after today, when the new contract starts',
            { field: 'newContractEndsOn' },
          );
        }
      }
      await this.files.openContract(
        {
          personId: person.id,
          type: input.newContractType,
          endsOn,
          membershipId: acceptance.newReferentMembershipId,
        },
        manager,
      );
      applied.newContractType = input.newContractType;
      applied.newContractEndsOn = endsOn;
    }
    return applied;
  }
}
