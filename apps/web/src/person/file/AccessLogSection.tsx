import { useQuery } from '@apollo/client/react';
import { isForbidden } from '../../api/errors';
import { graphql } from '../../api/graphql';
import { LoadMoreButton, withMoreEdges } from '../../components/LoadMoreButton';
import { EmptyState, PageState } from '../../components/PageState';
import { ACCESS_GROUND_LABELS, formatDateTime, ROLE_LABELS } from '../labels';
import type { SectionProps } from './query';

const PAGE_SIZE = 20;

const PERSON_ACCESS_LOG = graphql(`
  query PersonAccessLog($personId: ID!, $first: Int!, $after: String) {
    accessLog(personId: $personId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          accessedAt
          readerName
          partnerSystem
          role
          structureName
          ground
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * Who read the file (for the referent). Refused to others by the API: then the section says
 * nothing more than that it is not available.
 */
export function AccessLogSection({ person }: SectionProps) {
  const { data, error, loading, refetch, fetchMore } = useQuery(PERSON_ACCESS_LOG, {
    variables: { personId: person.id, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const log = error ? undefined : data?.accessLog;

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        accessLog: withMoreEdges(previous.accessLog, fetchMoreResult.accessLog),
      }),
    });

  return (
    <section aria-labelledby="journal-titre">
      <h2 id="journal-titre">Journal des accès</h2>
      <p className="fr-text--sm">
        Chaque consultation du dossier complet est enregistrée : qui, à quel titre, quand. Ce
        journal est conservé 12 mois et ne peut pas être modifié.
      </p>
      {error ? (
        isForbidden(error) ? (
          <EmptyState>Le journal des accès de ce dossier ne vous est pas ouvert.</EmptyState>
        ) : (
          <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
        )
      ) : !log ? (
        <PageState loading={loading} loadingText="Chargement du journal des accès…" />
      ) : log.edges.length === 0 ? (
        <EmptyState>Aucune consultation n’est enregistrée.</EmptyState>
      ) : (
        <>
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>Consultations du dossier, de la plus récente à la plus ancienne</caption>
              <thead>
                <tr>
                  <th scope="col">Date et heure</th>
                  <th scope="col">Lecteur</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Structure</th>
                  <th scope="col">À quel titre</th>
                </tr>
              </thead>
              <tbody>
                {log.edges.map(({ node: entry }) => (
                  <tr key={entry.id}>
                    <td>{formatDateTime(entry.accessedAt)}</td>
                    <td>
                      {entry.readerName}
                      {entry.partnerSystem && ' (système partenaire)'}
                    </td>
                    <td>{entry.role ? ROLE_LABELS[entry.role] : '—'}</td>
                    <td>{entry.structureName ?? '—'}</td>
                    <td>{ACCESS_GROUND_LABELS[entry.ground]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreButton pageInfo={log.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </section>
  );
}
