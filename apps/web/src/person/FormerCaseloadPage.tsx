import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../api/graphql';
import { formatLongDate } from '../components/format';
import { EmptyState, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { toStructure } from '../components/typography';

const FORMER_CASELOAD = graphql(`
  query FormerCaseload {
    formerCaseload {
      personId
      givenName
      familyName
      handedOverAt
      readableUntil
      referentName
      referentStructureName
    }
  }
`);

const TITLE = 'Anciens accompagnements';

/**
 * The people the caseworker handed over as referent: their file stays open to them, read-only,
 * for 30 days after the handover; each says until when.
 */
export function FormerCaseloadPage() {
  usePageTitle(TITLE);
  const { data, error, loading, refetch } = useQuery(FORMER_CASELOAD, {
    fetchPolicy: 'cache-and-network',
  });
  const people = error ? undefined : data?.formerCaseload;

  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Les personnes dont vous avez passé le relais en tant que référent unique. Leur dossier reste
        consultable en lecture seule pendant 30 jours après le passage de relais, puis disparaît de
        cette liste.
      </p>
      {error ? (
        <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
      ) : !people ? (
        <PageState loading={loading} loadingText="Chargement des anciens accompagnements…" />
      ) : people.length === 0 ? (
        <EmptyState>
          Vous n’avez passé le relais d’aucune personne ces 30 derniers jours.
        </EmptyState>
      ) : (
        <ul className="fr-raw-list" aria-label="Personnes dont vous avez passé le relais">
          {people.map((entry) => {
            const name = `${entry.givenName} ${entry.familyName}`;
            return (
              <li key={entry.personId} className="fr-card fr-p-3w fr-mb-2w">
                <h2 className="fr-h6 fr-mb-1w">
                  <Link to={`/personnes/${entry.personId}`}>{name}</Link>
                </h2>
                <p className="fr-text--sm fr-mb-1v">
                  Relais passé le {formatLongDate(entry.handedOverAt)}
                  {entry.referentName
                    ? ` à ${entry.referentName}${
                        entry.referentStructureName ? ` (${entry.referentStructureName})` : ''
                      }`
                    : entry.referentStructureName
                      ? ` ${toStructure(entry.referentStructureName)}`
                      : ''}
                  .
                </p>
                <p className="fr-badge fr-badge--info fr-badge--no-icon fr-mb-0">
                  Lecture seule jusqu’au {formatLongDate(entry.readableUntil)}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
