import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason, type Page, toPage } from '@relais/core';
import { EventType, type HandoverPayload, resolveAudience, writeOutbox } from '@relais/events';
import { type MembershipGrant, type Principal, Role } from '@relais/identity';
import {
  appendTimeline,
  PersonEntity,
  PersonStatus,
  TeamLeaveReason,
  TeamMemberEntity,
  TeamRole,
  timePosition,
} from '@relais/pathways';
import { HandoverEntity } from './handover.entity.js';
import { HANDOVER_EXPIRY_DAYS, HandoverStatus } from './handover.enums.js';
import {
  HANDOVER_SELECT,
  type HandoverRow,
  handoverOf,
  uniqueViolationOf,
} from './handover.queries.js';
import {
  type AcceptHandover,
  HandoverDirection,
  type HandoverView,
  type NamedRef,
  type ProposeHandover,
} from './handover.views.js';

/** How the expiry job runs; tests shorten the interval or switch it off (0). */
export interface HandoverExpiryOptions {
  /** Milliseconds between two runs; 0 turns the job off. 60 s by default. */
  readonly intervalMs?: number;
  /** Handovers expired per transaction. */
  readonly batchSize?: number;
}

export const HANDOVER_EXPIRY_OPTIONS = Symbol('HANDOVER_EXPIRY_OPTIONS');

const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;
const DEFAULT_EXPIRY_BATCH = 200;

/** The one open handover per person, as the database enforces it. */
const OPEN_HANDOVER_INDEX = 'UQ_handover_open_per_person';

/** Who the caller is in the lists and the party checks, as SQL parameters $1..$4. */
interface PartyParams {
  readonly membershipIds: string[];
  readonly accountId: string;
  /** Structures where the caller is a professional or an admin. */
  readonly structureIds: string[];
  /** Territories where the caller is an orientation manager. */
  readonly managedTerritoryIds: string[];
}

function partyParams(principal: Principal): PartyParams {
  if (principal.kind !== 'account') throw forbidden();
  const structureIds = principal.memberships
    .filter((m) => m.role === Role.PROFESSIONAL || m.role === Role.STRUCTURE_ADMIN)
    .map((m) => m.structureId)
    .filter((id): id is string => id !== null);
  const managedTerritoryIds = principal.memberships
    .filter((m) => m.role === Role.ORIENTATION_MANAGER)
    .map((m) => m.territoryId)
    .filter((id): id is string => id !== null);
  if (structureIds.length === 0 && managedTerritoryIds.length === 0) throw forbidden();
  return {
    membershipIds: principal.memberships.map((m) => m.id),
    accountId: principal.accountId,
    structureIds,
    managedTerritoryIds,
  };
}

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
 * Passages de relais (DOMAIN.md, handover): proposing, answering (accept, decline), cancelling,
 * expiring after 15 days, and the lists of the parties. Each answer is an
 * `UPDATE ... WHERE status = 'PROPOSED'` whose row count decides: of many concurrent answers,
 * exactly one wins and the others get CONFLICT.
 */
@Injectable()
export class HandoverService {
  /** Between two runs of the expiry job; 0: it does not run. */
  readonly expiryIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(HANDOVER_EXPIRY_OPTIONS) options?: HandoverExpiryOptions,
  ) {
    this.expiryIntervalMs = options?.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS;
    this.batchSize = options?.batchSize ?? DEFAULT_EXPIRY_BATCH;
  }

  /** By the person's referent (with their team membership) or an orientation manager. */
  async propose(principal: Principal, input: ProposeHandover): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    return mapOpenHandoverConflict(() =>
      this.dataSource.transaction(async (manager) => {
        const person = await manager.findOneBy(PersonEntity, { id: input.personId });
        if (!person) throw forbidden();
        const referent = await this.referentOf(manager, person.id);
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
        return this.load(manager, principal, id);
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
      !(await this.professionalMembership(manager, proposal.toAccountId, proposal.toStructureId))
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
    await appendTimeline(
      manager,
      { personId: person.id, ...proposal.proposer, clientId: null },
      {
        type: EventType.HANDOVER_PROPOSED,
        subjectType: 'Handover',
        subjectId: id,
        // The reason stays with the parties: the timeline says who and where, not why.
        after: {
          fromStructureId: referent?.structureId ?? null,
          toStructureId: proposal.toStructureId,
          toAccountId: proposal.toAccountId,
        },
      },
    );
    await writeOutbox(manager, {
      type: EventType.HANDOVER_PROPOSED,
      territoryId: person.territoryId,
      structureIds: [referent?.structureId, proposal.toStructureId].filter((s): s is string => !!s),
      personId: person.id,
      actor: proposal.proposer,
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
    });
    return id;
  }

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
      const acting = this.deciderOf(principal, handover);
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
      const membershipId = await this.professionalMembership(
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
      await appendTimeline(
        manager,
        {
          personId: person.id,
          accountId: principal.accountId,
          membershipId: acting.id,
          clientId: null,
        },
        {
          type: EventType.HANDOVER_ACCEPTED,
          subjectType: 'Handover',
          subjectId: handover.id,
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
      );
      await writeOutbox(manager, {
        type: EventType.HANDOVER_ACCEPTED,
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
        personId: person.id,
        actor: { accountId: principal.accountId, membershipId: acting.id },
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
      });
      return this.load(manager, principal, handover.id);
    });
  }

  /** By the same deciders as accepting, with a reason. */
  async decline(principal: Principal, handoverId: string, reason: string): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    const text = reason.trim();
    return this.dataSource.transaction(async (manager) => {
      const handover = await manager.findOneBy(HandoverEntity, { id: handoverId });
      if (!handover) throw forbidden();
      const acting = this.deciderOf(principal, handover);
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
      await appendTimeline(
        manager,
        {
          personId: handover.personId,
          accountId: principal.accountId,
          membershipId: acting.id,
          clientId: null,
        },
        {
          type: EventType.HANDOVER_DECLINED,
          subjectType: 'Handover',
          subjectId: handover.id,
          after: { toStructureId: handover.toStructureId },
        },
      );
      await writeOutbox(manager, {
        type: EventType.HANDOVER_DECLINED,
        territoryId: handover.territoryId,
        structureIds: structuresOf(handover),
        personId: handover.personId,
        actor: { accountId: principal.accountId, membershipId: acting.id },
        recipientAccountIds: await resolveAudience(manager, {
          accountIds: [handover.proposedByAccountId, handover.fromReferentAccountId],
        }),
        payload: payloadOf(handover, HandoverStatus.DECLINED),
      });
      return this.load(manager, principal, handover.id);
    });
  }

  /** By the proposer or the person's current referent. */
  async cancel(principal: Principal, handoverId: string): Promise<HandoverView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const handover = await manager.findOneBy(HandoverEntity, { id: handoverId });
      if (!handover) throw forbidden();
      const referent = await this.referentOf(manager, handover.personId);
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
      await appendTimeline(
        manager,
        {
          personId: handover.personId,
          accountId: principal.accountId,
          membershipId: acting.id,
          clientId: null,
        },
        {
          type: EventType.HANDOVER_CANCELLED,
          subjectType: 'Handover',
          subjectId: handover.id,
          after: { toStructureId: handover.toStructureId },
        },
      );
      await writeOutbox(manager, {
        type: EventType.HANDOVER_CANCELLED,
        territoryId: handover.territoryId,
        structureIds: structuresOf(handover),
        personId: handover.personId,
        actor: { accountId: principal.accountId, membershipId: acting.id },
        recipientAccountIds: await resolveAudience(manager, {
          accountIds: [handover.toAccountId],
          structureAdminsOf: [handover.toStructureId],
        }),
        payload: payloadOf(handover, HandoverStatus.CANCELLED),
      });
      return this.load(manager, principal, handover.id);
    });
  }

  /**
   * Expires the proposals unanswered at `now`, in batches of one transaction each: one
   * `UPDATE ... RETURNING`, then each one's timeline entry and outbox event. Rows being answered
   * at that moment are skipped (an answer in flight wins or fails on its own). Returns how many
   * expired.
   */
  async expireDue(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction((manager) =>
        this.expireBatch(manager, now),
      );
      total += expired;
      if (expired < this.batchSize) return total;
    }
  }

  /** The handovers of the caller's structures, newest first, one SQL statement per page. */
  async list(
    principal: Principal,
    direction: HandoverDirection,
    status: HandoverStatus | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<HandoverView>> {
    const party = partyParams(principal);
    const incoming = direction === HandoverDirection.INCOMING;
    const params: unknown[] = [
      party.membershipIds,
      party.structureIds,
      incoming ? party.managedTerritoryIds : party.accountId,
    ];
    const where = [
      incoming
        ? `(h.to_structure_id = ANY($2::uuid[]) OR h.territory_id = ANY($3::uuid[]))`
        : `(h.from_structure_id = ANY($2::uuid[]) OR h.proposed_by_account_id = $3)`,
    ];
    if (status) {
      params.push(status);
      where.push(`h.status = $${params.length}`);
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(h.created_at, h.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<HandoverRow[]>(
      `${HANDOVER_SELECT}
       WHERE ${where.join(' AND ')}
       ORDER BY h.created_at DESC, h.id DESC
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.handover_id]);
    return { ...page, nodes: page.nodes.map(handoverOf) };
  }

  /**
   * One handover, for its parties: the proposer's and target structures (professionals and
   * admins), the named professional, the former and new referents, orientation managers.
   */
  async byId(principal: Principal, handoverId: string): Promise<HandoverView> {
    return this.load(this.dataSource.manager, principal, handoverId, partyParams(principal));
  }

  /** The view of a handover; with `party`, only if the caller is one of its parties. */
  private async load(
    manager: EntityManager,
    principal: Principal,
    handoverId: string,
    party?: PartyParams,
  ): Promise<HandoverView> {
    const memberships = principal.memberships.map((m) => m.id);
    const rows = party
      ? await manager.query<HandoverRow[]>(
          `${HANDOVER_SELECT}
           WHERE h.id = $5 AND (h.to_structure_id = ANY($3::uuid[])
             OR h.from_structure_id = ANY($3::uuid[]) OR h.territory_id = ANY($4::uuid[])
             OR $2 IN (h.proposed_by_account_id, h.to_account_id, h.from_referent_account_id,
                       h.new_referent_account_id))`,
          [memberships, party.accountId, party.structureIds, party.managedTerritoryIds, handoverId],
        )
      : await manager.query<HandoverRow[]>(`${HANDOVER_SELECT} WHERE h.id = $2`, [
          memberships,
          handoverId,
        ]);
    if (!rows[0]) throw forbidden();
    return handoverOf(rows[0]);
  }

  private async expireBatch(manager: EntityManager, now: Date): Promise<number> {
    const [rows] = await manager.query<[HandoverEntityRow[], number]>(
      `UPDATE handover h SET status = 'EXPIRED', decided_at = $1
        WHERE h.status = 'PROPOSED' AND h.id IN (
          SELECT id FROM handover
           WHERE status = 'PROPOSED' AND expires_at <= $1
           ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING h.id, h.person_id, h.territory_id, h.from_structure_id, h.to_structure_id,
          h.to_account_id, h.proposed_by_account_id`,
      [now, this.batchSize],
    );
    for (const row of rows) {
      await appendTimeline(
        manager,
        { personId: row.person_id, accountId: null, membershipId: null, clientId: null },
        {
          type: EventType.HANDOVER_EXPIRED,
          subjectType: 'Handover',
          subjectId: row.id,
          after: { toStructureId: row.to_structure_id },
        },
      );
      await writeOutbox(manager, {
        type: EventType.HANDOVER_EXPIRED,
        territoryId: row.territory_id,
        structureIds: [row.from_structure_id, row.to_structure_id].filter((s): s is string => !!s),
        personId: row.person_id,
        actor: { accountId: null, membershipId: null },
        recipientAccountIds: await resolveAudience(manager, {
          accountIds: [row.proposed_by_account_id],
          structureAdminsOf: [row.to_structure_id],
        }),
        payload: {
          handoverId: row.id,
          personId: row.person_id,
          fromStructureId: row.from_structure_id,
          toStructureId: row.to_structure_id,
          toAccountId: row.to_account_id,
          status: HandoverStatus.EXPIRED,
        },
      });
    }
    return rows.length;
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

  /** Admins of the target structure, the named professional, orientation managers. */
  private deciderOf(principal: Principal, handover: HandoverEntity): MembershipGrant {
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

  /** The active referent's stay, if the person has one. */
  referentOf(manager: EntityManager, personId: string): Promise<TeamMemberEntity | null> {
    return manager.findOneBy(TeamMemberEntity, {
      personId,
      role: TeamRole.REFERENT,
      leftAt: IsNull(),
    });
  }

  /** The account's active professional membership in the structure, if any (account enabled). */
  /**
   * The professionals of a structure whom a handover may name, or who may become the referent
   * on acceptance: for those who follow people in the structure's territory (professionals,
   * orientation managers, structure admins). Names and account ids only: a directory, no file.
   */
  async recipients(principal: Principal, structureId: string): Promise<NamedRef[]> {
    const [structure] = await this.dataSource.query<{ territory_id: string }[]>(
      'SELECT territory_id FROM structure WHERE id = $1',
      [structureId],
    );
    const follows =
      principal.kind === 'account' &&
      structure !== undefined &&
      principal.memberships.some(
        (membership) =>
          membership.territoryId === structure.territory_id &&
          (membership.role === Role.PROFESSIONAL ||
            membership.role === Role.ORIENTATION_MANAGER ||
            membership.role === Role.STRUCTURE_ADMIN),
      );
    // An unknown structure and one of another territory answer alike.
    if (!follows) throw forbidden();
    const rows = await this.dataSource.query<NamedRef[]>(
      `SELECT DISTINCT a.id, a.given_name || ' ' || a.family_name AS name, a.family_name, a.given_name
         FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.structure_id = $1 AND m.role = 'PROFESSIONAL' AND m.revoked_at IS NULL
          AND a.status = 'ACTIVE'
        ORDER BY a.family_name, a.given_name, a.id`,
      [structureId],
    );
    return rows.map(({ id, name }) => ({ id, name }));
  }

  private async professionalMembership(
    manager: EntityManager,
    accountId: string,
    structureId: string,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT m.id FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.account_id = $1 AND m.structure_id = $2 AND m.role = 'PROFESSIONAL'
          AND m.revoked_at IS NULL AND a.status = 'ACTIVE'
        ORDER BY m.created_at LIMIT 1`,
      [accountId, structureId],
    );
    return rows[0]?.id ?? null;
  }
}

interface HandoverEntityRow {
  id: string;
  person_id: string;
  territory_id: string;
  from_structure_id: string | null;
  to_structure_id: string;
  to_account_id: string | null;
  proposed_by_account_id: string;
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

function openConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.HandoverAlreadyOpen,
    'This person already has an open handover: answer or cancel it first.',
  );
}

function answeredConflict(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.HandoverAlreadyAnswered,
    'This handover was already answered, cancelled or has expired.',
  );
}

function refuseAnswered(handover: HandoverEntity): void {
  if (handover.status !== HandoverStatus.PROPOSED) throw answeredConflict();
}

function structuresOf(handover: HandoverEntity): string[] {
  return [handover.fromStructureId, handover.toStructureId].filter((s): s is string => !!s);
}

function payloadOf(
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
