import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FileScope, ViewerScope } from '@relais/access';
import { DataSource, type DeepPartial, type EntityManager, IsNull } from 'typeorm';
import { FilePartsReader } from '../file/file-parts.js';
import { JoinRequestStatus, TeamRole } from '../pathway.enums.js';
import { PersonEntity } from '../people/person.entity.js';
import { JoinRequestEntity } from './join-request.entity.js';
import { TeamMemberEntity } from './team-member.entity.js';

/**
 * The team_member and join_request tables as the team's own changes use them (DOMAIN.md, joining
 * a team): requests to join, their decision, and leaving. Each method runs in the caller's
 * transaction.
 */
@Injectable()
export class TeamRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /**
   * The stays of the scope's file, active ones first (referent on top), former ones on request:
   * a part of the file's one statement. The names beside them come from their owners.
   */
  stays(scope: FileScope, includeFormer: boolean): Promise<TeamMemberEntity[]> {
    return this.parts.readEntities(scope, TeamMemberEntity, {
      key: `team-stays:${includeFormer}`,
      ...(!includeFormer && { filter: 'e.left_at IS NULL' }),
      order: `r.left_at IS NOT NULL, r.role = 'FOLLOWER', r.left_at DESC, r.joined_at`,
      view: (stay) => stay,
    });
  }

  /**
   * The person a caller asks to join the team of, found in search: what the request's rules look
   * at (territory, status, restriction, objection) before the caller is in the team.
   */
  personToJoin(
    _scope: ViewerScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity | null> {
    return manager.findOneBy(PersonEntity, { id: personId });
  }

  /** The person a request is about, for the decision on it. */
  personOfRequest(
    request: JoinRequestEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity> {
    return manager.findOneByOrFail(PersonEntity, { id: request.personId });
  }

  /** Whether the account is in the person's team now. */
  isActiveMember(
    personId: string,
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(TeamMemberEntity, { personId, accountId, leftAt: IsNull() });
  }

  /** Whether the account already waits for an answer to join the person's team. */
  hasPendingRequest(
    personId: string,
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(JoinRequestEntity, {
      personId,
      accountId,
      status: JoinRequestStatus.PENDING,
    });
  }

  insertRequest(
    manager: EntityManager,
    request: DeepPartial<JoinRequestEntity>,
  ): Promise<JoinRequestEntity> {
    return manager.save(manager.create(JoinRequestEntity, request));
  }

  /** A request, locked until the caller's transaction ends; only the requester's when given. */
  lockRequest(
    manager: EntityManager,
    requestId: string,
    requesterAccountId?: string,
  ): Promise<JoinRequestEntity | null> {
    return manager.findOne(JoinRequestEntity, {
      where: {
        id: requestId,
        ...(requesterAccountId !== undefined && { accountId: requesterAccountId }),
      },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Saves a request loaded (and changed) by the caller. */
  async saveRequest(manager: EntityManager, request: JoinRequestEntity): Promise<void> {
    await manager.save(request);
  }

  /** The person's active referent's stay, if any. */
  activeReferent(
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TeamMemberEntity | null> {
    return manager.findOneBy(TeamMemberEntity, {
      personId,
      role: TeamRole.REFERENT,
      leftAt: IsNull(),
    });
  }

  insertMember(
    manager: EntityManager,
    member: DeepPartial<TeamMemberEntity>,
  ): Promise<TeamMemberEntity> {
    return manager.save(manager.create(TeamMemberEntity, member));
  }

  /** The caller's active stay in the scope's file, locked until the transaction ends. */
  lockOwnStay(scope: FileScope, manager: EntityManager): Promise<TeamMemberEntity | null> {
    if (!scope.viewer.accountId) return Promise.resolve(null);
    return manager.findOne(TeamMemberEntity, {
      where: {
        personId: scope.viewer.personId,
        accountId: scope.viewer.accountId,
        leftAt: IsNull(),
      },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Saves a stay loaded (and changed) by the caller. */
  async saveStay(manager: EntityManager, stay: TeamMemberEntity): Promise<void> {
    await manager.save(stay);
  }
}
