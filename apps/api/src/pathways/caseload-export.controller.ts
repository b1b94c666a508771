import type { ServerResponse } from 'node:http';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { AccountPrincipal } from '@relais/identity';
import { CaseloadExportService, DEFAULT_CASELOAD_ORDER, SortDirection } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { caseloadCsv } from './caseload-csv.js';
import { CaseloadExportQuery } from './dto/caseload.args.js';

/**
 * "Exporter en CSV" on "Mes accompagnements": what the list shows under the same filter and
 * order, every page of it (5,000 people at most). REST like the RGPD export: a file with a name
 * and a type. Signed-in professionals only; each person listed is logged (CaseloadExportService).
 */
@Controller('people')
export class CaseloadExportController {
  constructor(private readonly exports: CaseloadExportService) {}

  @Authenticated()
  @Get('caseload.csv')
  async csv(
    @CurrentAccount() principal: AccountPrincipal,
    @Query() query: CaseloadExportQuery,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<string> {
    const { sort, direction, ...filter } = query;
    const entries = await this.exports.export(principal, filter, {
      field: sort ?? DEFAULT_CASELOAD_ORDER.field,
      direction: direction ?? (sort ? SortDirection.ASC : DEFAULT_CASELOAD_ORDER.direction),
    });
    const day = new Date().toISOString().slice(0, 10);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="accompagnements-${day}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    return caseloadCsv(entries);
  }
}
