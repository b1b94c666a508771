// Serves "Anciens accompagnements" (Query.formerCaseload): the people a caseworker handed over
// as referent, while they may still read the file (FORMER_REFERENT_READ_DAYS after the handover,
// the rule file-facts.repository.ts applies to open it), with the date that reading ends.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FORMER_REFERENT_READ_DAYS, forbidden, type ViewerScope } from '@relais/access';

/** One person handed over, as the former referent's list shows them. */
export interface FormerCaseloadEntryView {
  readonly personId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly handedOverAt: Date;
  /** The file opens read-only to the former referent until then. */
  readonly readableUntil: Date;
  /** The structure of the person's referent now, if any. */
  readonly referentStructureName: string | null;
  /** The person's referent now, if any. */
  readonly referentName: string | null;
}

interface FormerRow {
  person_id: string;
  given_name: string;
  family_name: string;
  left_at: Date;
  readable_until: Date;
  referent_structure_name: string | null;
  referent_name: string | null;
}

/**
 * The caller's referent stays ended by a handover within the last FORMER_REFERENT_READ_DAYS
 * days, latest first, leaving out the people whose team the caller is still in (a former
 * referent kept as follower finds them in the caseload). One statement.
 */
@Injectable()
export class FormerCaseloadReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async formerCaseload(scope: ViewerScope): Promise<FormerCaseloadEntryView[]> {
    const { principal } = scope;
    if (principal.kind !== 'account') throw forbidden();
    const rows = await this.dataSource.query<FormerRow[]>(
      `SELECT DISTINCT ON (tm.person_id) tm.person_id, p.given_name, p.family_name, tm.left_at,
         tm.left_at + make_interval(days => $2) AS readable_until,
         rs.name AS referent_structure_name,
         NULLIF(trim(concat_ws(' ', ra.given_name, ra.family_name)), '') AS referent_name
       FROM team_member tm
       JOIN person p ON p.id = tm.person_id
       LEFT JOIN team_member r ON r.person_id = tm.person_id AND r.role = 'REFERENT'
         AND r.left_at IS NULL
       LEFT JOIN structure rs ON rs.id = r.structure_id
       LEFT JOIN account ra ON ra.id = r.account_id
       WHERE tm.account_id = $1 AND tm.role = 'REFERENT' AND tm.left_reason = 'HANDOVER'
         AND tm.left_at > now() - make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM team_member x WHERE x.person_id = tm.person_id
                          AND x.account_id = $1 AND x.left_at IS NULL)
       ORDER BY tm.person_id, tm.left_at DESC`,
      [principal.accountId, FORMER_REFERENT_READ_DAYS],
    );
    return rows
      .map((row) => ({
        personId: row.person_id,
        givenName: row.given_name,
        familyName: row.family_name,
        handedOverAt: new Date(row.left_at),
        readableUntil: new Date(row.readable_until),
        referentStructureName: row.referent_structure_name,
        referentName: row.referent_name,
      }))
      .sort((a, b) => b.handedOverAt.getTime() - a.handedOverAt.getTime());
  }
}
