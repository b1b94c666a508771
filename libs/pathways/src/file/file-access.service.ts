import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
import type { PersonEntity } from '../people/person.entity.js';
import { FileFactsRepository, type FactsRow } from './file-facts.repository.js';

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

function accountIdOf(principal: Principal): string | null {
  return principal.kind === 'account' ? principal.accountId : null;
}

/** A viewer with the file's rules, as every service method of a file receives it. */
export type { FileScope };

/**
 * Decides how the caller stands to one person's file (DOMAIN.md access rules 1 and 4): team
 * member, former referent for 30 days, orientation manager of the territory, partner client in
 * scope, or nobody. The file's facts are one statement: pathways' tables, with the types of the
 * stays' structures through organizations' subquery (`structureTypeSql`). A file the caller may
 * not open and a file that does not exist get the same FORBIDDEN, so ids
 * reveal nothing.
 */
@Injectable()
export class FileAccessService {
  constructor(private readonly repository: FileFactsRepository) {}

  async factsOf(
    principal: Principal,
    personId: string,
    manager?: EntityManager,
  ): Promise<FileFacts | null> {
    const row = await this.repository.facts(
      accountIdOf(principal),
      personId,
      FORMER_REFERENT_READ_DAYS,
      manager,
    );
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
    const found = await this.repository.factsAndPerson(
      accountIdOf(principal),
      personId,
      FORMER_REFERENT_READ_DAYS,
    );
    if (!found) throw forbidden();
    const facts = factsFrom(found.facts);
    return { scope: scopeOf(principal, facts), person: found.person };
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
