import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AccessGround,
  fileAbilityFor,
  fileScope,
  fileViewerFor,
  type FileScope,
  type FileViewer,
  forbidden,
  FORMER_REFERENT_READ_DAYS,
  type FileFacts,
} from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { PersonPrincipal, Principal } from '@relais/identity';
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

/**
 * The caller as a file's parts would see them, before the file's facts decide: what the parts'
 * SQL takes of a viewer (the person, the caller's account and structures, as fileViewerFor sets
 * them) and nothing sensitive. Parts asked for it are only read: they are decoded for the scope
 * the facts decide, and stand for it only when asked with the same SQL and parameters.
 */
function provisionalScope(principal: Principal, personId: string): FileScope {
  const structureIds =
    principal.kind === 'account'
      ? principal.memberships.flatMap((membership) =>
          membership.structureId === null ? [] : [membership.structureId],
        )
      : principal.kind === 'client' && principal.structureId
        ? [principal.structureId]
        : [];
  const viewer: FileViewer = {
    principal,
    personId,
    territoryId: '',
    ground: AccessGround.TEAM_MEMBER,
    membershipId: null,
    accountId: accountIdOf(principal),
    clientId: principal.kind === 'client' ? principal.clientId : null,
    teamRole: null,
    canWrite: false,
    canReadSensitive: false,
    canReadNir: false,
    structureIds,
  };
  return fileScope(viewer, fileAbilityFor(viewer));
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
   * The person's view of their own file when they act in it from their space (answering an
   * appointment): not while the file is archived (CONFLICT, FILE_ARCHIVED) nor while its
   * processing is restricted (FORBIDDEN, PROCESSING_RESTRICTED), as a professional's changes are
   * refused then; FORBIDDEN for any other file.
   */
  async selfActionScope(
    principal: PersonPrincipal,
    personId: string,
    manager?: EntityManager,
  ): Promise<FileScope> {
    const facts = await this.factsOf(principal, personId, manager);
    const scope = scopeOf(principal, facts);
    if (facts?.archived) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        DomainErrorReason.FileArchived,
        'Your file is archived: its appointments can no longer be answered.',
      );
    }
    if (facts?.restricted) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.ProcessingRestricted,
        'You restricted the processing of your file: nothing is recorded in it while that lasts.',
      );
    }
    return scope;
  }

  /**
   * Opening a file: the caller's view, the person and the parts of the file `ask` reads for the
   * scope it is given (the parts a GraphQL operation asks for), in the same one statement (the
   * read every file starts with). The parts are read before the decision and decoded for the
   * decided scope only: nothing of them is shown to a caller who may not open the file.
   */
  async openScope(
    principal: Principal,
    personId: string,
    ask: (scope: FileScope) => void = () => undefined,
  ): Promise<{ scope: FileScope; person: PersonEntity }> {
    const provisional = provisionalScope(principal, personId);
    const found = await this.repository.factsAndPerson(
      accountIdOf(principal),
      personId,
      FORMER_REFERENT_READ_DAYS,
      provisional,
      () => ask(provisional),
    );
    if (!found) throw forbidden();
    const scope = scopeOf(principal, factsFrom(found.facts));
    found.adopt(scope);
    return { scope, person: found.person };
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
