// Serves the minimal view of a person (PersonSummary): the createPerson payload, the person named
// by a duplicate conflict, and the rows of the caseload and search screens, which share its columns.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import type { Principal } from '@relais/identity';
import { type PersonSummaryView, type SummaryRow, summaryOf } from '@relais/pathways';

/** The columns of a summary, with the person as `p` and the caller's active membership ids as $1. */
export const SUMMARY_COLUMNS = `p.id, p.given_name, p.family_name,
  EXTRACT(YEAR FROM p.birth_date)::int AS birth_year, p.status,
  rs.id AS referent_structure_id, rs.name AS referent_structure_name`;

/** The person's active referent and their structure, joined as `rs`. */
export const REFERENT_JOIN = `LEFT JOIN team_member r
    ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
  LEFT JOIN structure rs ON rs.id = r.structure_id`;

/** The ids of the caller's active memberships, as `is_member` compares them. */
export function activeMembershipIds(principal: Principal): string[] {
  return principal.memberships.map((membership) => membership.id);
}

/** The minimal view of one person, as the caller (whose scope it is) sees it. */
@Injectable()
export class PersonSummaryReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The minimal view of one person of a territory the caller may search; FORBIDDEN if none. */
  async summary(scope: ViewerScope, personId: string): Promise<PersonSummaryView> {
    const rows = await this.dataSource.manager.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS},
         EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
                   AND m.membership_id = ANY($1)) AS is_member
       FROM person p ${REFERENT_JOIN} WHERE p.id = $2`,
      [activeMembershipIds(scope.principal), personId],
    );
    const row = rows[0];
    if (!row) throw forbidden();
    return summaryOf(row);
  }
}
