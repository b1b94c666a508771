import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogWriter, forbidden, viewerScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import { type Principal, Role } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields } from '../file/versioned-update.js';
import { OrientationType, SENSITIVE_RIGHTS, TeamRole } from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { creatorOf } from './person-creator.policy.js';
import type { PersonEntity } from './person.entity.js';
import { normalizedFields } from './person-fields.js';
import type { NewPerson, PersonFields, ProfessionalProject } from './person.inputs.js';
import { type DuplicateKeys, PersonRepository } from './person.repository.js';
import { personFileView, type PersonFileView } from './person.views.js';
import { searchText } from './search-text.js';

export interface CreatedPerson {
  /** The new person: the API shows its summary, a cross-domain read (the referent's structure). */
  readonly personId: string;
  /** The file, when the creator joined its team. */
  readonly file: PersonFileView | null;
}

/** Fields whose values the timeline never repeats. */
const MASKED_FIELDS = ['nir'];

/**
 * People and the fields of their file that hang on them alone: creation (with duplicate
 * detection), identity, rights, orientation, professional project, RGPD flags; opening a file
 * (logged). The caseload and the search are read models (`@relais/read-models`).
 */
@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly accessLog: AccessLogWriter,
    private readonly people: PersonRepository,
    private readonly structures: StructureRepository,
  ) {}

  async create(principal: Principal, input: NewPerson): Promise<CreatedPerson> {
    const acting = creatorOf(principal, input);
    const fields = normalizedFields(input);
    return this.dataSource.transaction(async (manager) => {
      if (input.orientationStructureId) {
        await this.requireStructureOf(
          manager,
          input.territoryId,
          input.orientationStructureId,
          'orientationStructureId',
        );
      }
      const identityKey = searchText(fields.familyName, fields.givenName);
      await this.refuseDuplicate(manager, principal, input.territoryId, {
        identityKey,
        birthDate: input.birthDate,
        cafNumber: fields.cafNumber ?? null,
        franceTravailId: fields.franceTravailId ?? null,
        nir: fields.nir ?? null,
      });
      const person = await this.people.insert(
        {
          ...fields,
          territoryId: input.territoryId,
          searchName: searchText(fields.familyName, fields.givenName, fields.birthName),
          identityKey,
          orientationType: input.orientationType ?? null,
          orientationStructureId: input.orientationStructureId ?? null,
          createdByMembershipId: acting.membership?.id ?? null,
          createdByClientId: principal.kind === 'client' ? principal.clientId : null,
        },
        manager,
      );
      const actor = {
        personId: person.id,
        accountId: principal.kind === 'account' ? principal.accountId : null,
        membershipId: acting.membership?.id ?? null,
        clientId: principal.kind === 'client' ? principal.clientId : null,
      };
      await appendTimeline(manager, actor, {
        type: EventType.PERSON_CREATED,
        subjectType: 'Person',
        subjectId: person.id,
        sensitive: person.rights.some((right) => SENSITIVE_RIGHTS.includes(right)),
        after: { givenName: person.givenName, familyName: person.familyName },
      });
      let joined = false;
      if (acting.teamRole && acting.membership && principal.kind === 'account') {
        const stay = await this.people.insertCreatorStay(
          {
            personId: person.id,
            accountId: principal.accountId,
            membershipId: acting.membership.id,
            structureId: acting.membership.structureId as string,
            role: acting.teamRole,
            joinReason: 'A créé le dossier',
          },
          manager,
        );
        await appendTimeline(manager, actor, {
          type: EventType.TEAM_JOINED,
          subjectType: 'TeamMember',
          subjectId: stay.id,
          after: { role: stay.role, structureId: stay.structureId },
        });
        joined = true;
      }
      if (!joined) return { personId: person.id, file: null };
      const scope = await this.files.readScope(principal, person.id, manager);
      const saved = await this.people.person(scope, manager);
      return { personId: person.id, file: personFileView(saved, scope) };
    });
  }

  /**
   * Opens a full file: one access-log row per read, with its ground. `ask` reads the parts of
   * the file the caller asks for beside it (FileAccessService.openScope): one statement in all.
   */
  async open(
    principal: Principal,
    personId: string,
    ask?: (scope: FileScope) => void,
  ): Promise<PersonFileView> {
    const { scope, person } = await this.files.openScope(principal, personId, ask);
    await this.accessLog.recordFileRead(scope.viewer);
    return personFileView(person, scope);
  }

  async update(
    principal: Principal,
    personId: string,
    version: number,
    input: PersonFields,
  ): Promise<PersonFileView> {
    return this.change(
      principal,
      personId,
      version,
      EventType.PERSON_UPDATED,
      async (manager, person) => {
        const fields = normalizedFields(input);
        const identityKey = searchText(fields.familyName, fields.givenName);
        await this.refuseDuplicate(
          manager,
          principal,
          person.territoryId,
          {
            identityKey,
            birthDate: input.birthDate,
            cafNumber: fields.cafNumber ?? null,
            franceTravailId: fields.franceTravailId ?? null,
            nir: fields.nir ?? null,
          },
          person.id,
        );
        return {
          ...fields,
          identityKey,
          searchName: searchText(fields.familyName, fields.givenName, fields.birthName),
        };
      },
    );
  }

  async updateProject(
    principal: Principal,
    personId: string,
    version: number,
    project: ProfessionalProject,
  ): Promise<PersonFileView> {
    return this.change(principal, personId, version, EventType.PROJECT_UPDATED, () =>
      Promise.resolve({
        targetJob: project.targetJob?.trim() || null,
        romeCode: project.romeCode?.toUpperCase() ?? null,
        mobilityRadiusKm: project.mobilityRadiusKm ?? null,
        contractsSought: [...new Set(project.contractsSought ?? [])],
      }),
    );
  }

  /** Orientation is decided by an orientation manager of the territory. */
  async setOrientation(
    principal: Principal,
    personId: string,
    version: number,
    orientationType: OrientationType,
    structureId: string,
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, personId, manager);
      const acting = principal.memberships.find(
        (membership) =>
          membership.role === Role.ORIENTATION_MANAGER &&
          membership.territoryId === scope.viewer.territoryId,
      );
      if (!acting) throw forbidden();
      await this.requireStructureOf(manager, scope.viewer.territoryId, structureId, 'structureId');
      const viewer = { ...scope.viewer, membershipId: acting.id };
      return this.applyChange(
        manager,
        { ...scope, viewer },
        version,
        EventType.ORIENTATION_DECIDED,
        () => Promise.resolve({ orientationType, orientationStructureId: structureId }),
      );
    });
  }

  /**
   * RGPD restriction and objection (DOMAIN.md rule 8), set by the referent: the only change a
   * restricted file accepts.
   */
  async setProcessingLimits(
    principal: Principal,
    personId: string,
    version: number,
    limits: { restricted: boolean; objection: boolean },
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, personId, manager);
      requireReferent(scope);
      return this.applyChange(manager, scope, version, EventType.PROCESSING_LIMITS_UPDATED, () =>
        Promise.resolve(limits),
      );
    });
  }

  /**
   * Sets one RGPD flag in the caller's transaction, at the file's current version, with the same
   * rule and history as `setProcessingLimits`: the referent accepting the person's request from
   * their space (issue 22).
   */
  async setProcessingLimitWithin(
    manager: EntityManager,
    scope: FileScope,
    limit: { restricted: true } | { objection: true },
  ): Promise<PersonFileView> {
    requireReferent(scope);
    const person = await this.people.person(scope, manager);
    return this.applyChange(
      manager,
      scope,
      person.version,
      EventType.PROCESSING_LIMITS_UPDATED,
      () => Promise.resolve(limit),
    );
  }

  private async requireStructureOf(
    manager: EntityManager,
    territoryId: string,
    structureId: string,
    field: string,
  ): Promise<void> {
    const found = await this.structures.existsInTerritory(structureId, territoryId, manager);
    if (!found) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.StructureOutsideTerritory,
        `${field} must be a structure of the person's territory`,
        {
          field,
        },
      );
    }
  }

  /**
   * A likely duplicate in the territory is refused, pointing at the person already there: the
   * API adds that person's minimal view (a cross-domain read) to the error's details.
   */
  private async refuseDuplicate(
    manager: EntityManager,
    principal: Principal,
    territoryId: string,
    keys: DuplicateKeys,
    exceptId?: string,
  ): Promise<void> {
    const existing = await this.people.duplicateOf(
      viewerScope(principal),
      territoryId,
      keys,
      exceptId ?? null,
      manager,
    );
    if (!existing) return;
    throw new DomainError(
      DomainErrorCode.Conflict,
      DomainErrorReason.PossibleDuplicatePerson,
      'This person seems to have a file already in this territory: ask to join its team.',
      { details: { existingPersonId: existing } },
    );
  }

  /** A versioned change of the person's own fields by a team member, with its timeline entry. */
  private change(
    principal: Principal,
    personId: string,
    version: number,
    type: EventType,
    compute: (manager: EntityManager, person: PersonEntity) => Promise<Partial<PersonEntity>>,
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, personId, manager);
      return this.applyChange(manager, scope, version, type, compute);
    });
  }

  private async applyChange(
    manager: EntityManager,
    scope: FileScope,
    version: number,
    type: EventType,
    compute: (manager: EntityManager, person: PersonEntity) => Promise<Partial<PersonEntity>>,
  ): Promise<PersonFileView> {
    const person = await this.people.person(scope, manager);
    const changes = await compute(manager, person);
    await this.people.updateVersioned(person.id, version, changes, manager);
    // The search keys follow the names; the timeline shows the names.
    const shown: Record<string, unknown> = { ...changes };
    delete shown.identityKey;
    delete shown.searchName;
    const summary = changedFields(
      person as unknown as Record<string, unknown>,
      shown,
      MASKED_FIELDS,
    );
    const rightsTouched = [...(person.rights ?? []), ...(changes.rights ?? [])].some((right) =>
      SENSITIVE_RIGHTS.includes(right),
    );
    await appendTimeline(manager, scope.viewer, {
      type,
      subjectType: 'Person',
      subjectId: person.id,
      sensitive: rightsTouched && summary !== null && 'rights' in summary.after,
      before: summary?.before ?? null,
      after: summary?.after ?? null,
    });
    const saved = await this.people.person(scope, manager);
    return personFileView(saved, scope);
  }
}

/** Restriction and objection are the referent's to record. */
function requireReferent(scope: FileScope): void {
  if (scope.viewer.teamRole !== TeamRole.REFERENT) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      DomainErrorReason.ReferentOnly,
      'Only the referent records a restriction or an objection.',
    );
  }
}
