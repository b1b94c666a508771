import type { PersonStatus } from '../pathway.enums.js';
import type { PersonSummaryView } from './person.views.js';

/** The columns of a summary, with the person as `p` and the caller's active membership ids as $1. */
export const SUMMARY_COLUMNS = `p.id, p.given_name, p.family_name,
  EXTRACT(YEAR FROM p.birth_date)::int AS birth_year, p.status,
  rs.id AS referent_structure_id, rs.name AS referent_structure_name`;

/** The person's active referent and their structure, joined as `rs`. */
export const REFERENT_JOIN = `LEFT JOIN team_member r
    ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
  LEFT JOIN structure rs ON rs.id = r.structure_id`;

export interface SummaryRow {
  id: string;
  given_name: string;
  family_name: string;
  birth_year: number;
  status: PersonStatus;
  referent_structure_id: string | null;
  referent_structure_name: string | null;
  is_member: boolean;
}

export function summaryOf(row: SummaryRow): PersonSummaryView {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    birthYear: row.birth_year,
    status: row.status,
    referentStructure:
      row.referent_structure_id && row.referent_structure_name
        ? { id: row.referent_structure_id, name: row.referent_structure_name }
        : null,
    isMember: row.is_member,
  };
}
