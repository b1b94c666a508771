import type { PersonStatus } from '../pathway.enums.js';
import type { PersonSummaryView } from './person.views.js';

/**
 * A person's minimal view as SQL gives it (the read models select it with their
 * SUMMARY_COLUMNS, the referent's structure joined), and the view it makes.
 */
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
