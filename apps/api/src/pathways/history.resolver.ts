import { Args, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, recordAdminChange, viewerScope } from '@relais/access';
import { type Principal, Role } from '@relais/identity';
import {
  AccessLogDaysReadModel,
  type AccessLogReach,
  FormerCaseloadReadModel,
} from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { AccessLogDaysArgs, AccessLogPeopleArgs } from './dto/history.inputs.js';
import { AccessLogArgs } from './dto/note.inputs.js';
import {
  AccessLogDay,
  AccessLogDayConnection,
  AccessLogPerson,
  AccessLogReader,
  FormerCaseloadEntry,
} from './history.models.js';

/**
 * A file's history of reads, grouped by reader and day, for its referent and the territory
 * admins (who reach it from the admin screen: each consultation goes to the admin audit); the
 * people a caseworker handed over and may still read.
 */
@Authenticated()
@Resolver()
export class HistoryResolver {
  constructor(
    private readonly days: AccessLogDaysReadModel,
    private readonly formerCaseloads: FormerCaseloadReadModel,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Query(() => AccessLogDayConnection, {
    description:
      'Who read a person’s file, one line per reader, membership and day, the latest first: for the person’s referent and the territory admins. A territory admin’s consultation (its first page) is recorded in the admin audit.',
  })
  async accessLogDays(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AccessLogDaysArgs,
  ): Promise<Connection<AccessLogDay>> {
    const { page, reach } = await this.days.days(viewerScope(principal), args.personId, {
      first: args.first,
      after: args.after,
      readerId: args.readerId,
    });
    if (reach.asTerritoryAdmin && !args.after) {
      await this.recordConsultation(principal, reach, args.readerId ?? null);
    }
    return toConnection(
      page,
      (day) => day,
      (day) => day.cursor,
    );
  }

  @Query(() => [AccessLogReader], {
    description: 'Everyone who read a person’s file, for the access log’s reader filter.',
  })
  accessLogReaders(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AccessLogArgs,
  ): Promise<AccessLogReader[]> {
    return this.days.readers(viewerScope(principal), args.personId);
  }

  @Query(() => [AccessLogPerson], {
    description:
      'The people of your territories by name or id (at most 20), to open their access log: territory admins only.',
  })
  accessLogPeople(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AccessLogPeopleArgs,
  ): Promise<AccessLogPerson[]> {
    return this.days.people(viewerScope(principal), args.query);
  }

  @Query(() => [FormerCaseloadEntry], {
    description:
      'The people you handed over as referent whose file you may still read (read-only), latest first, each with the date that ends.',
  })
  formerCaseload(@CurrentPrincipal() principal: Principal): Promise<FormerCaseloadEntry[]> {
    return this.formerCaseloads.formerCaseload(viewerScope(principal));
  }

  private async recordConsultation(
    principal: Principal,
    reach: AccessLogReach,
    readerId: string | null,
  ): Promise<void> {
    if (principal.kind !== 'account') throw forbidden();
    const acting = principal.memberships.find(
      (membership) =>
        membership.role === Role.TERRITORY_ADMIN && membership.territoryId === reach.territoryId,
    );
    if (!acting) throw forbidden();
    await this.dataSource.transaction((manager) =>
      recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'access_log.consult',
        subjectType: 'Person',
        subjectId: reach.personId,
        territoryId: reach.territoryId,
        structureId: null,
        before: null,
        after: readerId ? { readerId } : null,
      }),
    );
  }
}
