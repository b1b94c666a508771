import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, recordAdminChange, viewerScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type Principal, Role } from '@relais/identity';
import { PersonPurgeRepository } from '@relais/pathways';
import type { NotConcernedReason } from './lifecycle.enums.js';
import { PersonPurge } from './person-purge.js';

/** The record of a purge, the person's id being all that is left of them. */
export interface NotConcernedPurge {
  readonly personId: string;
  readonly reason: NotConcernedReason;
  readonly purgedAt: Date;
}

/** The admin audit's action for it. */
export const NOT_CONCERNED_ACTION = 'person.purge_not_concerned';

/**
 * DOMAIN.md rule 7: a person found not to be concerned is purged at once, by their referent or
 * an orientation manager of the territory. One transaction: the record of who did it and why
 * (an admin audit event: chained, append-only, naming the person by their id only, which
 * becomes pseudonymous as the file goes), then the purge of the file and all that hangs on it.
 */
@Injectable()
export class NotConcernedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonPurgeRepository,
    private readonly personPurge: PersonPurge,
  ) {}

  /** Outside Nest (tests): the service and its repositories. */
  static on(dataSource: DataSource): NotConcernedService {
    return new NotConcernedService(
      dataSource,
      new PersonPurgeRepository(dataSource),
      PersonPurge.on(dataSource),
    );
  }

  async purge(
    principal: Principal,
    personId: string,
    reason: NotConcernedReason,
  ): Promise<NotConcernedPurge> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    const purged = await this.dataSource.transaction(async (manager) => {
      const person = await this.people.lockForPurge(scope, personId, manager);
      if (!person) throw forbidden();
      const stays = await this.people.callerStays(scope, personId, manager);
      const referentStay = stays.find((stay) => stay.role === 'REFERENT');
      const acting =
        principal.memberships.find((m) => m.id === referentStay?.membership_id) ??
        principal.memberships.find(
          (m) => m.role === Role.ORIENTATION_MANAGER && m.territoryId === person.territory_id,
        );
      if (!acting) {
        // A team member knows the file exists: tell them who may purge it.
        if (stays.length > 0) {
          throw new DomainError(
            DomainErrorCode.Forbidden,
            DomainErrorReason.ReferentOrManagerOnly,
            'Only the referent or an orientation manager of the territory purges a file.',
          );
        }
        throw forbidden();
      }
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: NOT_CONCERNED_ACTION,
        subjectType: 'Person',
        subjectId: personId,
        territoryId: person.territory_id,
        structureId: acting.structureId,
        before: null,
        after: { reason, ground: referentStay ? 'REFERENT' : 'ORIENTATION_MANAGER' },
      });
      await this.personPurge.purge(manager, [personId]);
      return { personId, reason, purgedAt: new Date() };
    });
    this.personPurge.announcePurged([personId]);
    return purged;
  }
}
