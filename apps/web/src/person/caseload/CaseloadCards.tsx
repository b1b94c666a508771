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
import { type CaseloadEntry, contractShortName } from './query';

/** The caseload on a phone: one card per person, every field labelled, nothing clipped. */
export function CaseloadCards({ entries }: { entries: readonly CaseloadEntry[] }) {
  return (
    <ul className="relais-cards" aria-label="Personnes accompagnées">
      {entries.map((entry) => (
        <li key={entry.person.id} className="relais-card fr-p-2w fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1w">
            <Link to={`/personnes/${entry.person.id}`}>{personName(entry.person)}</Link>
          </h3>
          <p className="fr-text--sm fr-mb-1w">Naissance en {entry.person.birthYear}</p>
          {entry.openHandover && (
            <p className="fr-badge fr-badge--sm fr-badge--info fr-mb-1w">Passage en cours</p>
          )}
          <dl className="relais-card__fields">
            <dt>Mon rôle</dt>
            <dd>{TEAM_ROLE_LABELS[entry.myRole]}</dd>
            <dt>Référent unique</dt>
            <dd>{entry.referentName ?? 'Aucun'}</dd>
            <dt>Orientation</dt>
            <dd>{entry.orientationType ? ORIENTATION_LABELS[entry.orientationType] : '—'}</dd>
            <dt>Contrat</dt>
            <dd>
              {entry.contractType
                ? contractShortName(CONTRACT_TYPE_LABELS[entry.contractType])
                : 'Aucun'}
            </dd>
            <dt>Fin du contrat</dt>
            <dd>
              <ContractEnd entry={entry} />
            </dd>
            <dt>Actions en retard</dt>
            <dd>
              <OverdueActions count={entry.overdueActions} />
            </dd>
            <dt>Prochain rendez-vous</dt>
            <dd>{entry.nextAppointmentAt ? formatDateTime(entry.nextAppointmentAt) : 'Aucun'}</dd>
            <dt>Objectifs en cours</dt>
            <dd>{entry.openGoals}</dd>
            <dt>Dernière activité</dt>
            <dd>{formatDate(entry.lastActivityAt)}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
