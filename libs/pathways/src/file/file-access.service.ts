import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  fileAbilityFor,
  fileViewerFor,
  forbidden,
  FORMER_REFERENT_READ_DAYS,
  type FileAbility,
  type FileFacts,
  type FileViewer,
} from '@relais/access';
import { DomainError, DomainErrorCode } from '@relais/core';
import type { Principal } from '@relais/identity';
import type { StructureType } from '@relais/organizations';

interface FactsRow {
  id: string;
  territory_id: string;
  status: string;
  restricted: boolean;
  objection: boolean;
  stays: {
    membershipId: string;
    structureId: string;
    structureType: StructureType;
    role: 'REFERENT' | 'FOLLOWER';
    active: boolean;
  }[];
  team_structure_ids: string[];
}

/** A viewer with the file's rules, as every service method of a file receives it. */
export interface FileScope {
  readonly viewer: FileViewer;
  readonly ability: FileAbility;
}

/**
 * Decides, in one SQL statement, how the caller stands to one person's file (DOMAIN.md access
 * rules 1 and 4): team member, former referent for 30 days, orientation manager of the territory,
 * partner client in scope, or nobody. A file the caller may not open and a file that does not
 * exist get the same FORBIDDEN, so ids reveal nothing.
 */
@Injectable()
export class FileAccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async factsOf(
    principal: Principal,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FileFacts | null> {
    const accountId = principal.kind === 'account' ? principal.accountId : null;
    const rows = await manager.query<FactsRow[]>(
      `SELECT p.id, p.territory_id, p.status, p.restricted, p.objection,
         COALESCE((SELECT json_agg(json_build_object(
              'membershipId', tm.membership_id, 'structureId', tm.structure_id,
              'structureType', s.type, 'role', tm.role, 'active', tm.left_at IS NULL))
            FROM team_member tm JOIN structure s ON s.id = tm.structure_id
           WHERE tm.person_id = p.id AND tm.account_id = $2
             AND (tm.left_at IS NULL
               OR (tm.role = 'REFERENT' AND tm.left_reason = 'HANDOVER'
                   AND tm.left_at > now() - make_interval(days => $3)))), '[]') AS stays,
         ARRAY(SELECT DISTINCT tm.structure_id FROM team_member tm
                WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS team_structure_ids
       FROM person p WHERE p.id = $1`,
      [personId, accountId, FORMER_REFERENT_READ_DAYS],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      personId: row.id,
      territoryId: row.territory_id,
      archived: row.status === 'ARCHIVED',
      restricted: row.restricted,
      objection: row.objection,
      stays: row.stays,
      teamStructureIds: row.team_structure_ids,
    };
  }

  /** The caller's view of a file they may read; FORBIDDEN otherwise. */
  async readScope(
    principal: Principal,
    personId: string,
    manager?: EntityManager,
  ): Promise<FileScope> {
    const facts = await this.factsOf(principal, personId, manager);
    const viewer = facts ? fileViewerFor(principal, facts) : null;
    if (!viewer) throw forbidden();
    return { viewer, ability: fileAbilityFor(viewer) };
  }

  /**
   * The caller's view of a file they may change. Readers who may not write (a former referent,
   * an orientation manager, a partner) are told why; a restricted or archived file is read-only.
   */
  async writeScope(
    principal: Principal,
    personId: string,
    manager?: EntityManager,
  ): Promise<FileScope> {
    const scope = await this.readScope(principal, personId, manager);
    if (!scope.viewer.canWrite) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        scope.viewer.teamRole
          ? 'This file is read-only: it is archived or its processing is restricted.'
          : 'You may read this file but not change it: only its team members may.',
      );
    }
    return scope;
  }
}
