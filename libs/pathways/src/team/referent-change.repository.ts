import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadScope } from '@relais/access';
import { DataSource, type EntityManager } from 'typeorm';
import { type OrientationType, TeamLeaveReason, TeamRole } from '../pathway.enums.js';
import { PersonEntity } from '../people/person.entity.js';
import { TeamMemberEntity } from './team-member.entity.js';
import { TeamRepository } from './team.repository.js';

/** The referent a handover's acceptance makes, in the target structure. */
export interface NewReferent {
  readonly personId: string;
  readonly accountId: string;
  readonly membershipId: string;
  readonly structureId: string;
  /** The former referent stays in the team as a follower. */
  readonly formerStaysAsFollower: boolean;
}

/** The referent's stay that a change of referent ended. */
export interface FormerReferent {
  id: string;
  account_id: string;
  membership_id: string;
  structure_id: string;
}

/**
 * The `person` and `team_member` rows a handover or an orientation reads and changes (DOMAIN.md,
 * handover): the person, their referent, the replacement of the referent, the new orientation.
 * The handovers lib calls it inside its own transaction.
 */
@Injectable()
export class ReferentChangeRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly team: TeamRepository,
  ) {}

  /** The person, for a caller whose right to act on them the service checks on the row. */
  findPerson(
    scope: ReadScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity | null> {
    return manager.findOneBy(PersonEntity, { id: personId });
  }

  /** The person, who must exist (a row that references them was loaded first). */
  getPerson(
    scope: ReadScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity> {
    return manager.findOneByOrFail(PersonEntity, { id: personId });
  }

  /** The active referent's stay, if the person has one. */
  referentOf(
    scope: ReadScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TeamMemberEntity | null> {
    return this.team.activeReferent(personId, manager);
  }

  /** Whether the account is already in the person's team (any role, not left). */
  isActiveMember(
    personId: string,
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return this.team.isActiveMember(personId, accountId, manager);
  }

  /** The structures of the person's active team. */
  async activeStructureIds(
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ structure_id: string }[]>(
      `SELECT DISTINCT structure_id FROM team_member WHERE person_id = $1 AND left_at IS NULL`,
      [personId],
    );
    return rows.map((row) => row.structure_id);
  }

  /**
   * Replaces the person's referent: the former referent's stay ends (HANDOVER), the new one
   * leaves their follower stay for the referent's one, and the former referent stays as a
   * follower if asked (and not the new referent). Returns the former referent's stay, if any.
   */
  async replaceReferent(
    referent: NewReferent,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FormerReferent | null> {
    const [formerRows] = await manager.query<[FormerReferent[], number]>(
      `UPDATE team_member SET left_at = now(), left_reason = $2
          WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL
          RETURNING id, account_id, membership_id, structure_id`,
      [referent.personId, TeamLeaveReason.HANDOVER],
    );
    const former = formerRows[0] ?? null;
    // The new referent leaves their follower stay for the referent's one.
    await manager.query(
      `UPDATE team_member SET left_at = now(), left_reason = $3
          WHERE person_id = $1 AND account_id = $2 AND role = 'FOLLOWER' AND left_at IS NULL`,
      [referent.personId, referent.accountId, TeamLeaveReason.LEFT],
    );
    if (referent.formerStaysAsFollower && former && former.account_id !== referent.accountId) {
      await manager.insert(TeamMemberEntity, {
        personId: referent.personId,
        accountId: former.account_id,
        membershipId: former.membership_id,
        structureId: former.structure_id,
        role: TeamRole.FOLLOWER,
        joinReason: 'Ancien référent, reste dans l’équipe après le passage de relais',
      });
    }
    await manager.insert(TeamMemberEntity, {
      personId: referent.personId,
      accountId: referent.accountId,
      membershipId: referent.membershipId,
      structureId: referent.structureId,
      role: TeamRole.REFERENT,
      joinReason: 'Passage de relais',
    });
    return former;
  }

  /** The person's new orientation, decided by an orientation request; the type it recorded. */
  async reorient(
    personId: string,
    structureId: string,
    orientationType: OrientationType,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrientationType | null> {
    const [oriented] = await manager.query<[{ orientation_type: OrientationType }[], number]>(
      `UPDATE person SET orientation_type = $3,
             orientation_structure_id = $2, version = person.version + 1, updated_at = now()
            WHERE person.id = $1
            RETURNING person.orientation_type`,
      [personId, structureId, orientationType],
    );
    return oriented[0]?.orientation_type ?? null;
  }
}
