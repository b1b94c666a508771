import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type FileScope, forbidden, viewerScope } from '@relais/access';
import { EventType, writeOutbox } from '@relais/events';
import { resolveAudience } from './event-audience.js';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  AccountNamesRepository,
  type MembershipGrant,
  MembershipStatusRepository,
  type Principal,
  Role,
} from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { FileAccessService } from '../file/file-access.service.js';
import { JoinRequestStatus, PersonStatus, TeamLeaveReason, TeamRole } from '../pathway.enums.js';
import type { PersonEntity } from '../people/person.entity.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { TeamRepository } from './team.repository.js';
import type { TeamMemberView } from './team.views.js';

/**
 * The team of a file (DOMAIN.md, joining a team): requests to join decided by the referent, a
 * structure admin of the referent's structure or an orientation manager of the territory, and
 * leaving (never for the referent, who hands over instead). The API reads the team and the
 * requests through read models (libs/read-models, team and join-request), in the file's one
 * statement; each change here returns the id of the request it wrote.
 */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly repository: TeamRepository,
    private readonly memberships: MembershipStatusRepository,
    private readonly accountNames: AccountNamesRepository,
    private readonly structures: StructureRepository,
  ) {}

  /**
   * The team, active members first (referent on top); former members on request. For the file
   * export, which a domain lib serves: the stays read with the file's other parts, then the
   * members' and structures' names from their owners, one statement each.
   */
  async team(scope: FileScope, includeFormer: boolean): Promise<TeamMemberView[]> {
    const stays = await this.repository.stays(scope, includeFormer);
    if (stays.length === 0) return [];
    const [names, structures] = await Promise.all([
      this.accountNames.namesOf(stays.map((stay) => stay.accountId)),
      this.structures.byIds([...new Set(stays.map((stay) => stay.structureId))]),
    ]);
    const structureById = new Map(structures.map((structure) => [structure.id, structure]));
    return stays.flatMap((stay) => {
      const name = names.get(stay.accountId);
      const structure = structureById.get(stay.structureId);
      if (!name || !structure) return [];
      return [
        {
          id: stay.id,
          accountId: stay.accountId,
          givenName: name.givenName,
          familyName: name.familyName,
          structureId: stay.structureId,
          structureName: structure.name,
          structureType: structure.type,
          role: stay.role,
          joinedAt: new Date(stay.joinedAt),
          joinReason: stay.joinReason,
          leftAt: stay.leftAt === null ? null : new Date(stay.leftAt),
          leftReason: stay.leftReason,
        },
      ];
    });
  }

  /** A professional of the territory asks to join a person's team they found in search. */
  async requestToJoin(
    principal: Principal,
    personId: string,
    reason: string,
    structureId: string | null | undefined,
  ): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const person = await this.repository.personToJoin(viewerScope(principal), personId, manager);
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
      if (await this.repository.isActiveMember(personId, principal.accountId, manager)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.AlreadyInTeam,
          'You are already in this team.',
        );
      }
      if (await this.repository.hasPendingRequest(personId, principal.accountId, manager)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.JoinAlreadyRequested,
          'You already asked to join this team.',
        );
      }
      const request = await this.repository.insertRequest(manager, {
        personId,
        accountId: principal.accountId,
        membershipId: membership.id,
        structureId: membership.structureId as string,
        reason: reason.trim(),
      });
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
      const referent = await this.repository.activeReferent(personId, manager);
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
      return request.id;
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
  ): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const request = await this.repository.lockRequest(manager, requestId);
      if (!request) throw forbidden();
      const person = await this.repository.personOfRequest(request, manager);
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
      await this.repository.saveRequest(manager, request);
      if (decision.accept) {
        if (!(await this.memberships.isActive(request.membershipId, manager))) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            DomainErrorReason.RequesterLeftStructure,
            'The requester no longer works in this structure.',
          );
        }
        const stay = await this.repository.insertMember(manager, {
          personId: person.id,
          accountId: request.accountId,
          membershipId: request.membershipId,
          structureId: request.structureId,
          role: TeamRole.FOLLOWER,
          joinReason: request.reason,
        });
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
      return request.id;
    });
  }

  /** The requester withdraws a pending request. */
  async cancelRequest(principal: Principal, requestId: string): Promise<string> {
    if (principal.kind !== 'account') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const request = await this.repository.lockRequest(manager, requestId, principal.accountId);
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
      await this.repository.saveRequest(manager, request);
      return request.id;
    });
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
      const stay = await this.repository.lockOwnStay(scope, manager);
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
      await this.repository.saveStay(manager, stay);
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
    const referent = await this.repository.activeReferent(person.id, manager);
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
}
