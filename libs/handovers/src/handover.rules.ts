import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { HandoverPayload } from '@relais/events';
import { type MembershipGrant, type Principal, Role } from '@relais/identity';
import { type PersonEntity, PersonStatus } from '@relais/pathways';
import type { HandoverEntity } from './handover.entity.js';
import { HandoverStatus } from './handover.enums.js';

/** The one open handover per person, as the database enforces it. */
const OPEN_HANDOVER_INDEX = 'UQ_handover_open_per_person';

/** A file that may not change hands: archived (retention) or restricted (RGPD). */
export function refuseClosedFile(person: PersonEntity): void {
  if (person.status === PersonStatus.ARCHIVED) {
    throw new DomainError(
      DomainErrorCode.Conflict,
      DomainErrorReason.FileArchived,
      'This file is archived (read-only): the person cannot be handed over.',
    );
  }
  if (person.restricted) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      DomainErrorReason.ProcessingRestricted,
      'The person restricted the processing of their file (RGPD): nobody hands them over while it lasts.',
    );
  }
}

/** Runs work whose transaction inserts a handover: the open-handover index is the backstop. */
export async function mapOpenHandoverConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (uniqueViolationOf(error) === OPEN_HANDOVER_INDEX) throw openConflict();
    throw error;
  }
}

export function openConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.HandoverAlreadyOpen,
    'This person already has an open handover: answer or cancel it first.',
  );
}

export function answeredConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.HandoverAlreadyAnswered,
    'This handover was already answered, cancelled or has expired.',
  );
}

export function refuseAnswered(handover: HandoverEntity): void {
  if (handover.status !== HandoverStatus.PROPOSED) throw answeredConflict();
}

/** Admins of the target structure, the named professional, orientation managers. */
export function deciderOf(principal: Principal, handover: HandoverEntity): MembershipGrant {
  const acting =
    principal.memberships.find(
      (m) => m.role === Role.STRUCTURE_ADMIN && m.structureId === handover.toStructureId,
    ) ??
    (principal.kind === 'account' && principal.accountId === handover.toAccountId
      ? principal.memberships.find(
          (m) => m.role === Role.PROFESSIONAL && m.structureId === handover.toStructureId,
        )
      : undefined) ??
    principal.memberships.find(
      (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === handover.territoryId,
    );
  if (!acting) throw forbidden();
  return acting;
}

export function structuresOf(handover: HandoverEntity): string[] {
  return [handover.fromStructureId, handover.toStructureId].filter((s): s is string => !!s);
}

export function payloadOf(
  handover: HandoverEntity,
  status: HandoverStatus.DECLINED | HandoverStatus.CANCELLED,
): HandoverPayload {
  return {
    handoverId: handover.id,
    personId: handover.personId,
    fromStructureId: handover.fromStructureId,
    toStructureId: handover.toStructureId,
    toAccountId: handover.toAccountId,
    status,
  };
}

/** The index a TypeORM failure's unique violation hit (pg code 23505), or null for another error. */
export function uniqueViolationOf(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? '') : null;
}
