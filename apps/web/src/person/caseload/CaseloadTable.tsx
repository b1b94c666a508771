import { Link } from 'react-router';
import {
  CONTRACT_TYPE_LABELS,
  formatDate,
  formatDateTime,
  ORIENTATION_LABELS,
  personName,
  TEAM_ROLE_LABELS,
} from '../labels';
import { ContractEnd, OverdueActions } from './CaseloadFlags';
import {
  type CaseloadEntry,
  type CaseloadOrder,
  contractShortName,
  orderPhrase,
  SORT_FIELDS,
  type SortField,
} from './query';

/** A column header that sorts: a button, and `aria-sort` on the header while it is the order. */
function SortHeader({
  field,
  order,
  onSort,
}: {
  field: SortField;
  order: CaseloadOrder;
  onSort: (field: SortField) => void;
}) {
  const active = order.field === field;
  const up = order.direction === 'ASC';
  return (
    <th scope="col" aria-sort={active ? (up ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="relais-sort"
        onClick={() => onSort(field)}
        title={`Trier par ${SORT_FIELDS[field].label.toLowerCase()}`}
      >
        {SORT_FIELDS[field].label}
        <span
          aria-hidden="true"
          className={
            active
              ? up
                ? 'fr-icon-arrow-up-line fr-icon--sm'
                : 'fr-icon-arrow-down-line fr-icon--sm'
              : 'fr-icon-arrow-up-down-line fr-icon--sm'
          }
        />
      </button>
    </th>
  );
}

/** The caseload on a desktop: one row per person, headers that sort. */
export function CaseloadTable({
  entries,
  order,
  onSort,
}: {
  entries: readonly CaseloadEntry[];
  order: CaseloadOrder;
  onSort: (field: SortField) => void;
}) {
  const sort = (field: SortField) => <SortHeader field={field} order={order} onSort={onSort} />;
  return (
    <div className="fr-table relais-table-wrap">
      <table tabIndex={0}>
        <caption>Personnes accompagnées, triées par {orderPhrase(order)}</caption>
        <thead>
          <tr>
            {sort('NAME')}
            <th scope="col">Année de naissance</th>
            <th scope="col">Mon rôle</th>
            <th scope="col">Référent unique</th>
            <th scope="col">Orientation</th>
            <th scope="col">Contrat</th>
            {sort('CONTRACT_END')}
            <th scope="col">Actions en retard</th>
            {sort('NEXT_APPOINTMENT')}
            <th scope="col">Objectifs en cours</th>
            {sort('LAST_ACTIVITY')}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.person.id}>
              <td>
                <Link to={`/personnes/${entry.person.id}`}>{personName(entry.person)}</Link>
                {entry.openHandover && (
                  <p className="fr-badge fr-badge--sm fr-badge--info fr-mt-1v fr-mb-0">
                    Passage en cours
                  </p>
                )}
              </td>
              <td>{entry.person.birthYear}</td>
              <td>{TEAM_ROLE_LABELS[entry.myRole]}</td>
              <td>{entry.referentName ?? 'Aucun'}</td>
              <td>{entry.orientationType ? ORIENTATION_LABELS[entry.orientationType] : '—'}</td>
              <td>
                {entry.contractType
                  ? contractShortName(CONTRACT_TYPE_LABELS[entry.contractType])
                  : 'Aucun'}
              </td>
              <td>
                <ContractEnd entry={entry} />
              </td>
              <td>
                <OverdueActions count={entry.overdueActions} />
              </td>
              <td>{entry.nextAppointmentAt ? formatDateTime(entry.nextAppointmentAt) : 'Aucun'}</td>
              <td>{entry.openGoals}</td>
              <td>{formatDate(entry.lastActivityAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
