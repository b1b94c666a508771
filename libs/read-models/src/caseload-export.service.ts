// Serves the caseload's CSV export (GET /people/caseload.csv): everyone the caller's filter keeps,
// in their order, once each person listed is in the access log.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessGround, appendAccessLogRows, viewerScope } from '@relais/access';
import { auditChainKeyFrom, DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountPrincipal } from '@relais/identity';
import type { CaseloadOrder } from './caseload-order.js';
import {
  type CaseloadEntry,
  type CaseloadQuery,
  CaseloadReadModel,
  MAX_CASELOAD_EXPORT_ROWS,
} from './caseload.read-model.js';

/**
 * The list leaves Relais with the names in it, so each person listed gets an access-log row
 * (ground CASELOAD_EXPORT, the membership the caller follows them with), all in one transaction
 * before the file is answered: nothing leaves unlogged (decision 0008). One row per person, not
 * one for the export: the log is read by person (the file's "Journal des accès", the RGPD
 * right of access), and each row is one link of the person's territory's chain.
 */
@Injectable()
export class CaseloadExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly caseloads: CaseloadReadModel,
  ) {}

  /** Everyone listed, in order; BAD_USER_INPUT EXPORT_TOO_LARGE beyond 5,000 people. */
  async export(
    principal: AccountPrincipal,
    filter: CaseloadQuery,
    order: CaseloadOrder,
  ): Promise<CaseloadEntry[]> {
    const scope = viewerScope(principal);
    // One statement: the page's total is counted before its limit, so a list too long is
    // refused from it, before anything is logged or sent.
    const page = await this.caseloads.caseload(
      scope,
      MAX_CASELOAD_EXPORT_ROWS,
      null,
      filter,
      order,
    );
    if (page.totalCount > MAX_CASELOAD_EXPORT_ROWS) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.ExportTooLarge,
        `The export would list ${page.totalCount} people, more than ${MAX_CASELOAD_EXPORT_ROWS}: filter the list first.`,
        { details: { totalCount: page.totalCount, limit: MAX_CASELOAD_EXPORT_ROWS } },
      );
    }
    const key = auditChainKeyFrom(process.env);
    await this.dataSource.transaction((manager) =>
      appendAccessLogRows(
        manager,
        key,
        page.nodes.map((entry) => ({
          territoryId: entry.territoryId,
          personId: entry.summary.id,
          accountId: principal.accountId,
          membershipId: entry.membershipId,
          clientId: null,
          ground: AccessGround.CASELOAD_EXPORT,
        })),
      ),
    );
    return page.nodes;
  }
}
