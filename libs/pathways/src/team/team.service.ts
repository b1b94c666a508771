import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { forbidden } from '@relais/access';
import { EventType, resolveAudience, writeOutbox } from '@relais/events';
import {
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  encodeCursor,
  type Page,
  toPage,
} from '@relais/core';
import { type MembershipGrant, type Principal, Role } from '@relais/identity';
import { timePosition } from '../file/cursor-positions.js';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { FileAccessService } from '../file/file-access.service.js';
import { JoinRequestStatus, PersonStatus, TeamLeaveReason, TeamRole } from '../pathway.enums.js';
import { PersonEntity } from '../people/person.entity.js';
import {
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryOf,
} from '../people/person-summary.query.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { JoinRequestEntity } from './join-request.entity.js';
import { TeamMemberEntity } from './team-member.entity.js';
import type { JoinRequestView, TeamMemberView } from './team.views.js';

interface TeamRow {
  id: string;
  account_id: string;
  given_name: string;
  family_name: string;
  structure_id: string;
  structure_name: string;
  structure_type: TeamMemberView['structureType'];
  role: TeamRole;
  joined_at: string;
  join_reason: string | null;
  left_at: string | null;
  left_reason: TeamLeaveReason | null;
}

interface JoinRequestRow extends SummaryRow {
  request_id: string;
  requester_account_id: string;
  requester_given_name: string;
  requester_family_name: string;
  request_structure_id: string;
  request_structure_name: string;
  reason: string;
  request_status: JoinRequestStatus;
  created_at: Date;
  created_position: string;
  decided_at: Date | null;
  decision_reason: string | null;
}

const JOIN_REQUEST_SELECT = `SELECT ${SUMMARY_COLUMNS},
    EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
              AND m.membership_id = ANY($1)) AS is_member,
    jr.id AS request_id, jr.account_id AS requester_account_id,
    ja.given_name AS requester_given_name, ja.family_name AS requester_family_name,
    jr.structure_id AS request_structure_id, js.name AS request_structure_name,
    jr.reason, jr.status AS request_status, jr.created_at, jr.created_at::text AS created_position, jr.decided_at, jr.decision_reason
  FROM join_request jr
  JOIN person p ON p.id = jr.person_id
  JOIN account ja ON ja.id = jr.account_id
  JOIN structure js ON js.id = jr.structure_id
  ${REFERENT_JOIN}`;

function teamMemberOf(row: TeamRow): TeamMemberView {
  return {
    id: row.id,
    accountId: row.account_id,
    givenName: row.given_name,
    familyName: row.family_name,
    structureId: row.structure_id,
    structureName: row.structure_name,
    structureType: row.structure_type,
    role: row.role,
    joinedAt: new Date(row.joined_at),
    joinReason: row.join_reason,
    leftAt: row.left_at === null ? null : new Date(row.left_at),
    leftReason: row.left_reason,
  };
}

function joinRequestOf(row: JoinRequestRow): JoinRequestView {
  return {
    id: row.request_id,
    person: summaryOf(row),
    requesterAccountId: row.requester_account_id,
    requesterName: `${row.requester_given_name} ${row.requester_family_name}`,
    structureId: row.request_structure_id,
    structureName: row.request_structure_name,
    reason: row.reason,
    status: row.request_status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
  };
}

/**
 * The team of a file (DOMAIN.md, joining a team): who follows the person, requests to join
 * decided by the referent, a structure admin of the referent's structure or an orientation
 * manager of the territory, and leaving (never for the referent, who hands over instead).
 */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly parts: FilePartsReader,
  ) {}

  /** The team, active members first (referent on top); former members on request. */
  team(scope: FileScope, includeFormer: boolean): Promise<TeamMemberView[]> {
    return this.parts.read(scope, {
      key: `team:${includeFormer}`,
      sql: `SELECT tm.id, tm.account_id, a.given_name, a.family_name, tm.structure_id,
         s.name AS structure_name, s.type AS structure_type, tm.role, tm.joined_at,
         tm.join_reason, tm.left_at, tm.left_reason
       FROM team_member tm
       JOIN account a ON a.id = tm.account_id
       JOIN structure s ON s.id = tm.structure_id
       WHERE tm.person_id = $1 AND ($2 OR tm.left_at IS NULL)`,
      params: [scope.viewer.personId, includeFormer],
      order: `r.left_at IS NOT NULL, r.role = 'FOLLOWER', r.left_at DESC, r.joined_at`,
      decode: (rows) => (rows as unknown as TeamRow[]).map(teamMemberOf),
    });
  }

  /** Pending requests to join this file, for its team. */
  async pendingRequests(principal: Principal, scope: FileScope): Promise<JoinRequestView[]> {
    const rows = await this.dataSource.query<JoinRequestRow[]>(
      `${JOIN_REQUEST_SELECT} WHERE jr.person_id = $2 AND jr.status = 'PENDING'
       ORDER BY jr.created_at`,
      [principal.memberships.map((m) => m.id), scope.viewer.personId],
    );
    return rows.map(joinRequestOf);
  }

  /** A professional of the territory asks to join a person's team they found in search. */
  async requestToJoin(
    principal: Principal,
    personId: string,
    reason: string,
    structureId: string | null | undefined,
  ): Promise<JoinRequestView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.findOneBy(PersonEntity, { id: personId });
      if (!person) throw forbidden();
      const membership = principal.memberships.find(
        (m) =>
          m.role === Role.PROFESSIONAL &&
          m.territoryId === person.territoryId &&
          (!structureId || m.structureId === structureId),
      );
      if (!membership) throw forbidden();
      if (person.status !== PersonStatus.ACTIVE || person.restricted) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.FileReadOnly,
          'This file is read-only: nobody joins it.',
        );
      }
      const member = await manager.existsBy(TeamMemberEntity, {
        personId,
        accountId: principal.accountId,
        leftAt: IsNull(),
      });
      if (member) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.AlreadyInTeam,
          'You are already in this team.',
        );
      }
      const pending = await manager.existsBy(JoinRequestEntity, {
        personId,
        accountId: principal.accountId,
        status: JoinRequestStatus.PENDING,
      });
      if (pending) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.JoinAlreadyRequested,
          'You already asked to join this team.',
        );
      }
      const request = await manager.save(
        manager.create(JoinRequestEntity, {
          personId,
          accountId: principal.accountId,
          membershipId: membership.id,
          structureId: membership.structureId as string,
          reason: reason.trim(),
        }),
      );
      await appendTimeline(
        manager,
        { personId, accountId: principal.accountId, membershipId: membership.id, clientId: null },
        {
          type: EventType.TEAM_JOIN_REQUESTED,
          subjectType: 'JoinRequest',
          subjectId: request.id,
          after: { structureId: request.structureId, reason: request.reason },
        },
      );
      // The referent decides; a file without referent goes to the territory's orientation managers.
      const referent = await manager.findOneBy(TeamMemberEntity, {
        personId,
        role: TeamRole.REFERENT,
        leftAt: IsNull(),
      });
      await writeOutbox(manager, {
        type: EventType.TEAM_JOIN_REQUESTED,
        territoryId: person.territoryId,
        structureIds: [request.structureId, ...(referent ? [referent.structureId] : [])],
        personId,
        actor: { accountId: principal.accountId, membershipId: membership.id },
        recipientAccountIds: await resolveAudience(
          manager,
          referent
            ? { accountIds: [referent.accountId] }
            : { orientationManagersOf: person.territoryId },
        ),
        payload: { joinRequestId: request.id, personId, structureId: request.structureId },
      });
      return this.requestById(manager, principal, request.id);
    });
  }

  /**
   * Accepts or declines a pending request. When the person objected to sharing (RGPD), accepting
   * needs their recorded agreement.
   */
  async decide(
    principal: Principal,
    requestId: string,
    decision: { accept: boolean; reason?: string | null; personAgreed?: boolean | null },
  ): Promise<JoinRequestView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(JoinRequestEntity, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw forbidden();
      const person = await manager.findOneByOrFail(PersonEntity, { id: request.personId });
      const acting = await this.deciderOf(manager, principal, person);
      if (request.status !== JoinRequestStatus.PENDING) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.JoinRequestAlreadyAnswered,
          'This request was already answered.',
        );
      }
      if (decision.accept && person.objection && !decision.personAgreed) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.PersonAgreementRequired,
          'personAgreed must be true: the person objected to sharing, record their agreement first',
          { field: 'personAgreed' },
        );
      }
      const actor = {
        personId: person.id,
        accountId: principal.accountId,
        membershipId: acting.id,
        clientId: null,
      };
      request.status = decision.accept ? JoinRequestStatus.ACCEPTED : JoinRequestStatus.DECLINED;
      request.decidedAt = new Date();
      request.decidedByMembershipId = acting.id;
      request.decisionReason = decision.reason?.trim() || null;
      await manager.save(request);
      if (decision.accept) {
        const requesterMembership = await manager.query<unknown[]>(
          `SELECT 1 FROM membership WHERE id = $1 AND revoked_at IS NULL`,
          [request.membershipId],
        );
        if (requesterMembership.length === 0) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            DomainErrorReason.RequesterLeftStructure,
            'The requester no longer works in this structure.',
          );
        }
        const stay = await manager.save(
          manager.create(TeamMemberEntity, {
            personId: person.id,
            accountId: request.accountId,
            membershipId: request.membershipId,
            structureId: request.structureId,
            role: TeamRole.FOLLOWER,
            joinReason: request.reason,
          }),
        );
        await appendTimeline(manager, actor, {
          type: EventType.TEAM_JOINED,
          subjectType: 'TeamMember',
          subjectId: stay.id,
          after: { role: stay.role, structureId: stay.structureId, accountId: stay.accountId },
        });
      } else {
        await appendTimeline(manager, actor, {
          type: EventType.TEAM_JOIN_DECLINED,
          subjectType: 'JoinRequest',
          subjectId: request.id,
          after: { reason: request.decisionReason },
        });
      }
      await writeOutbox(manager, {
        type: decision.accept ? EventType.TEAM_JOIN_ACCEPTED : EventType.TEAM_JOIN_DECLINED,
        territoryId: person.territoryId,
        structureIds: [request.structureId],
        personId: person.id,
        actor: { accountId: principal.accountId, membershipId: acting.id },
        recipientAccountIds: [request.accountId],
        payload: {
          joinRequestId: request.id,
          personId: person.id,
          structureId: request.structureId,
          status: request.status,
        },
      });
      return this.requestById(manager, principal, request.id);
    });
  }

  /** The requester withdraws a pending request. */
  async cancelRequest(principal: Principal, requestId: string): Promise<JoinRequestView> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(JoinRequestEntity, {
        where: { id: requestId, accountId: principal.accountId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw forbidden();
      if (request.status !== JoinRequestStatus.PENDING) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.JoinRequestAlreadyAnswered,
          'This request was already answered.',
        );
      }
      request.status = JoinRequestStatus.CANCELLED;
      request.decidedAt = new Date();
      await manager.save(request);
      return this.requestById(manager, principal, request.id);
    });
  }

  /** Requests the caller may decide, oldest first. */
  async requestsToDecide(
    principal: Principal,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<JoinRequestView & { cursor: string }>> {
    const memberships = principal.memberships;
    const params: unknown[] = [
      memberships.map((m) => m.id),
      memberships.filter((m) => m.role === Role.STRUCTURE_ADMIN).map((m) => m.structureId),
      memberships.filter((m) => m.role === Role.ORIENTATION_MANAGER).map((m) => m.territoryId),
    ];
    let cursor = '';
    if (after) {
      params.push(...timePosition(after));
      cursor = `AND (jr.created_at, jr.id) > ($4::timestamptz, $5::uuid)`;
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<JoinRequestRow[]>(
      `${JOIN_REQUEST_SELECT}
       WHERE jr.status = 'PENDING'
         AND (r.membership_id = ANY($1) OR r.structure_id = ANY($2::uuid[])
              OR p.territory_id = ANY($3::uuid[]))
         ${cursor}
       ORDER BY jr.created_at, jr.id
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.request_id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        ...joinRequestOf(row),
        cursor: encodeCursor([row.created_position, row.request_id]),
      })),
    };
  }

  /** Leaves a team. The referent hands the person over instead (a handover). */
  async leave(
    principal: Principal,
    personId: string,
    comment: string | null | undefined,
  ): Promise<void> {
    if (principal.kind !== 'account') throw forbidden();
    await this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, personId, manager);
      const stay = await manager.findOne(TeamMemberEntity, {
        where: { personId, accountId: principal.accountId, leftAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!stay) throw forbidden();
      if (stay.role === TeamRole.REFERENT) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.ReferentCannotLeave,
          'The referent cannot leave the team: hand the person over to another referent first.',
        );
      }
      stay.leftAt = new Date();
      stay.leftReason = TeamLeaveReason.LEFT;
      stay.leftComment = comment?.trim() || null;
      await manager.save(stay);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.TEAM_LEFT,
        subjectType: 'TeamMember',
        subjectId: stay.id,
        before: { role: stay.role, structureId: stay.structureId },
        after: { comment: stay.leftComment },
      });
    });
  }

  /** Who may let someone into this team: its referent, an admin of the referent's structure, or an orientation manager of the territory. */
  private async deciderOf(
    manager: EntityManager,
    principal: Principal,
    person: PersonEntity,
  ): Promise<MembershipGrant> {
    const referent = await manager.findOneBy(TeamMemberEntity, {
      personId: person.id,
      role: TeamRole.REFERENT,
      leftAt: IsNull(),
    });
    const acting =
      principal.memberships.find((m) => referent && m.id === referent.membershipId) ??
      principal.memberships.find(
        (m) =>
          referent && m.role === Role.STRUCTURE_ADMIN && m.structureId === referent.structureId,
      ) ??
      principal.memberships.find(
        (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === person.territoryId,
      );
    if (!acting) throw forbidden();
    return acting;
  }

  private async requestById(
    manager: EntityManager,
    principal: Principal,
    requestId: string,
  ): Promise<JoinRequestView> {
    const rows = await manager.query<JoinRequestRow[]>(`${JOIN_REQUEST_SELECT} WHERE jr.id = $2`, [
      principal.memberships.map((m) => m.id),
      requestId,
    ]);
    return joinRequestOf(rows[0]);
  }
}
