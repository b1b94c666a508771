import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { viewerScope } from '@relais/access';
import type { Principal } from '@relais/identity';
import {
  type CaseloadColumns,
  type CaseloadEntry as CaseloadEntryView,
  CaseloadReadModel,
  DEFAULT_CASELOAD_ORDER,
} from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { toConnection } from '../graphql/connection.js';
import { selectedNames } from '../graphql/selection.js';
import { CaseloadConnection, type CaseloadEntry } from './caseload.models.js';
import { CaseloadArgs } from './dto/caseload.args.js';

/** What the query selects of the connection and its entries that costs a subquery to compute. */
function columnsAsked(info: GraphQLResolveInfo): CaseloadColumns {
  const entry = selectedNames(info, ['edges', 'node']);
  return {
    totalCount: selectedNames(info).has('totalCount'),
    nextAppointmentAt: entry.has('nextAppointmentAt'),
    openGoals: entry.has('openGoals'),
    contract: entry.has('contractType') || entry.has('contractEndsOn'),
    overdueActions: entry.has('overdueActions'),
    openHandover: entry.has('openHandover'),
  };
}

/** "Mes accompagnements": the caller's caseload, sorted and filtered, with its total. */
@Resolver(() => CaseloadConnection)
export class CaseloadResolver {
  constructor(private readonly caseloads: CaseloadReadModel) {}

  @Authenticated()
  @Query(() => CaseloadConnection, {
    description:
      'The people whose team you are in, in the order asked (most recent activity first by default), with how many the filter keeps.',
  })
  async caseload(
    @CurrentPrincipal() principal: Principal,
    @Args() args: CaseloadArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CaseloadConnection> {
    const page = await this.caseloads.caseload(
      viewerScope(principal),
      args.first,
      args.after,
      args.filter ?? {},
      args.orderBy ?? DEFAULT_CASELOAD_ORDER,
      columnsAsked(info),
    );
    return {
      ...toConnection(
        page,
        (entry: CaseloadEntryView): CaseloadEntry => ({ ...entry, person: entry.summary }),
        (entry) => entry.cursor,
      ),
      totalCount: page.totalCount,
    };
  }
}
