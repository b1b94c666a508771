import { useQuery } from '@apollo/client/react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { isForbidden } from '../../api/errors';
import { graphql } from '../../api/graphql';
import { LoadMoreButton, withMoreEdges } from '../../components/LoadMoreButton';
import { EmptyState, PageState } from '../../components/PageState';
import { ACCESS_GROUND_LABELS, formatDate, ROLE_LABELS } from '../labels';
import type { SectionProps } from './query';

const PAGE_SIZE = 20;

const PERSON_ACCESS_LOG_DAYS = graphql(`
  query PersonAccessLogDays($personId: ID!, $readerId: ID, $first: Int!, $after: String) {
    accessLogDays(personId: $personId, readerId: $readerId, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          day
          reads
          firstAt
          lastAt
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
    accessLogReaders(personId: $personId) {
      id
      name
      partnerSystem
    }
  }
`);

const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/** "3 fois, de 09:12 à 17:40", or "1 fois, à 09:12". */
function readsText(reads: number, firstAt: string, lastAt: string): string {
  const first = TIME.format(new Date(firstAt));
  const last = TIME.format(new Date(lastAt));
  return reads === 1 || first === last
    ? `${reads} fois, à ${last}`
    : `${reads} fois, de ${first} à ${last}`;
}

/**
 * Who read a person's file, one line per reader and day (how many times, first and last time),
 * with a filter by reader: the file's own section and the territory admins' screen.
 */
export function AccessLogDays({
  personId,
  forbiddenText = 'Le journal des accès de ce dossier ne vous est pas ouvert.',
}: {
  personId: string;
  forbiddenText?: string;
}) {
  const [readerId, setReaderId] = useState('');
  const { data, error, loading, refetch, fetchMore } = useQuery(PERSON_ACCESS_LOG_DAYS, {
    variables: { personId, readerId: readerId || null, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const log = error ? undefined : data?.accessLogDays;
  const readers = data?.accessLogReaders ?? [];

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        ...fetchMoreResult,
        accessLogDays: withMoreEdges(previous.accessLogDays, fetchMoreResult.accessLogDays),
      }),
    });

  if (error) {
    return isForbidden(error) ? (
      <EmptyState>{forbiddenText}</EmptyState>
    ) : (
      <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
    );
  }
  return (
    <>
      {(readers.length > 1 || readerId) && (
        <Select
          label="Lecteur"
          className="fr-mb-3w"
          nativeSelectProps={{
            value: readerId,
            onChange: (e) => setReaderId(e.target.value),
          }}
        >
          <option value="">Tous les lecteurs</option>
          {readers.map((reader) => (
            <option key={reader.id} value={reader.id}>
              {reader.name}
              {reader.partnerSystem ? ' (système partenaire)' : ''}
            </option>
          ))}
        </Select>
      )}
      {!log || (loading && !data) ? (
        <PageState loading={loading} loadingText="Chargement du journal des accès…" />
      ) : log.edges.length === 0 ? (
        <EmptyState>Aucune consultation n’est enregistrée.</EmptyState>
      ) : (
        <>
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>
                Consultations du dossier par lecteur et par jour, de la plus récente à la plus
                ancienne
              </caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col">Lecteur</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Structure</th>
                  <th scope="col">À quel titre</th>
                  <th scope="col">Consultations</th>
                </tr>
              </thead>
              <tbody>
                {log.edges.map(({ node: entry }) => (
                  <tr key={entry.id}>
                    <td>{formatDate(entry.day)}</td>
                    <td>
                      {entry.readerName}
                      {entry.partnerSystem && ' (système partenaire)'}
                    </td>
                    <td>{entry.role ? ROLE_LABELS[entry.role] : '—'}</td>
                    <td>{entry.structureName ?? '—'}</td>
                    <td>{ACCESS_GROUND_LABELS[entry.ground]}</td>
                    <td>{readsText(entry.reads, entry.firstAt, entry.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreButton pageInfo={log.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </>
  );
}

/** Who read the file (for the referent). Refused to others by the API: then it says no more. */
export function AccessLogSection({ person }: SectionProps) {
  return (
    <section aria-labelledby="journal-titre">
      <h2 id="journal-titre">Journal des accès</h2>
      <p className="fr-text--sm">
        Chaque consultation du dossier complet est enregistrée : qui, à quel titre, quand. Les
        consultations d’un même lecteur sont regroupées par jour. Ce journal est conservé 12 mois et
        ne peut pas être modifié.
      </p>
      <AccessLogDays personId={person.id} />
    </section>
  );
}
