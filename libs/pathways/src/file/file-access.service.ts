import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  fileAbilityFor,
  fileScope,
  fileViewerFor,
  type FileScope,
  forbidden,
  FORMER_REFERENT_READ_DAYS,
  type FileFacts,
} from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { Principal } from '@relais/identity';
import { entityColumns, entityFromRow, preparedQuery } from '@relais/database';
import type { StructureType } from '@relais/organizations';
import { PersonEntity } from '../people/person.entity.js';

interface FactsRow {
  facts_id: string;
  facts_territory_id: string;
  facts_status: string;
  facts_restricted: boolean;
  facts_objection: boolean;
  facts_stays: {
    membershipId: string;
    structureId: string;
    structureType: StructureType;
    role: 'REFERENT' | 'FOLLOWER';
    active: boolean;
  }[];
  facts_team_structure_ids: string[];
}

/** The person's columns beside the facts, read with `entityColumns`. */
type PersonRow = Readonly<Record<string, unknown>>;

function factsFrom(row: FactsRow): FileFacts {
  return {
    personId: row.facts_id,
    territoryId: row.facts_territory_id,
    archived: row.facts_status === 'ARCHIVED',
    restricted: row.facts_restricted,
    objection: row.facts_objection,
    stays: row.facts_stays,
    teamStructureIds: row.facts_team_structure_ids,
  };
}

function scopeOf(principal: Principal, facts: FileFacts | null): FileScope {
  const viewer = facts ? fileViewerFor(principal, facts) : null;
  if (!viewer) throw forbidden();
  return fileScope(viewer, fileAbilityFor(viewer));
}

/** A viewer with the file's rules, as every service method of a file receives it. */
export type { FileScope };

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
    const row = await this.factsRow(principal, personId, manager, '');
    return row ? factsFrom(row) : null;
  }

  /** The caller's view of a file they may read; FORBIDDEN otherwise. */
  async readScope(
    principal: Principal,
    personId: string,
    manager?: EntityManager,
  ): Promise<FileScope> {
    return scopeOf(principal, await this.factsOf(principal, personId, manager));
  }

  /**
   * Opening a file: the caller's view and the person, in the same one statement (the read every
   * file starts with).
   */
  async openScope(
    principal: Principal,
    personId: string,
  ): Promise<{ scope: FileScope; person: PersonEntity }> {
    const manager = this.dataSource.manager;
    const row = await this.factsRow(
      principal,
      personId,
      manager,
      `, ${entityColumns(this.dataSource, PersonEntity, 'p')}`,
    );
    if (!row) throw forbidden();
    return {
      scope: scopeOf(principal, factsFrom(row)),
      person: entityFromRow(this.dataSource, PersonEntity, 'p', row as FactsRow & PersonRow),
    };
  }

  private async factsRow(
    principal: Principal,
    personId: string,
    manager: EntityManager,
    personColumns: string,
  ): Promise<FactsRow | undefined> {
    const accountId = principal.kind === 'account' ? principal.accountId : null;
    const rows = await preparedQuery<FactsRow>(
      manager,
      `SELECT p.id AS facts_id, p.territory_id AS facts_territory_id, p.status AS facts_status,
         p.restricted AS facts_restricted, p.objection AS facts_objection,
         COALESCE((SELECT json_agg(json_build_object(
              'membershipId', tm.membership_id, 'structureId', tm.structure_id,
              'structureType', s.type, 'role', tm.role, 'active', tm.left_at IS NULL))
            FROM team_member tm JOIN structure s ON s.id = tm.structure_id
           WHERE tm.person_id = p.id AND tm.account_id = $2
             AND (tm.left_at IS NULL
               OR (tm.role = 'REFERENT' AND tm.left_reason = 'HANDOVER'
                   AND tm.left_at > now() - make_interval(days => $3)))), '[]') AS facts_stays,
         ARRAY(SELECT DISTINCT tm.structure_id FROM team_member tm
                WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS facts_team_structure_ids
         ${personColumns}
       FROM person p WHERE p.id = $1`,
      [personId, accountId, FORMER_REFERENT_READ_DAYS],
    );
    return rows[0];
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
        scope.viewer.teamRole ? DomainErrorReason.FileReadOnly : DomainErrorReason.NotInTeam,
        scope.viewer.teamRole
          ? 'This file is read-only: it is archived or its processing is restricted.'
          : 'You may read this file but not change it: only its team members may.',
      );
    }
    return scope;
  }
}
