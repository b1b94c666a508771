import { useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { EmptyState, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import {
  formatDate,
  HANDOVER_FIELDS,
  type HandoverStatus,
  HandoverStatusBadge,
  personName,
  STATUS_LABELS,
  STATUSES,
} from './handover-format';
import { ofName } from '../components/typography';

// One document for both lists; the RealtimeProvider refetches `Handovers` on every notification.
const HANDOVERS_QUERY = graphql(
  `
    query Handovers(
      $direction: HandoverDirection!
      $first: Int!
      $after: String
      $status: HandoverStatus
    ) {
      handovers(direction: $direction, first: $first, after: $after, status: $status) {
        edges {
          cursor
          node {
            ...HandoverFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,
  [HANDOVER_FIELDS],
);

const PAGE_SIZE = 20;

type Direction = 'INCOMING' | 'OUTGOING';

const TABS: Record<string, Direction> = { recus: 'INCOMING', envoyes: 'OUTGOING' };

const CAPTIONS: Record<Direction, string> = {
  INCOMING: 'Passages de relais reçus par vos structures',
  OUTGOING: 'Passages de relais envoyés par vos structures ou par vous',
};

function isStatus(value: string | null): value is HandoverStatus {
  return value !== null && (STATUSES as string[]).includes(value);
}

/** `/passages`: the handovers received by the caller's structures and those they sent. */
export function HandoversPage() {
  usePageTitle('Passages de relais');
  // The tab and the filter live in the address: a shared link or "back" shows the same list.
  const [params, setParams] = useSearchParams();
  const tabId = params.get('sens') === 'envoyes' ? 'envoyes' : 'recus';
  const rawStatus = params.get('statut');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const direction = TABS[tabId];

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <h1>Passages de relais</h1>
      <p className="fr-text--lead">
        Les passages de relais adressés à vos structures, et ceux que vous ou vos structures avez
        proposés. Un passage sans réponse expire au bout de 15 jours.
      </p>
      <Tabs
        label="Sens des passages de relais"
        selectedTabId={tabId}
        onTabChange={(id) => update({ sens: id === 'envoyes' ? 'envoyes' : undefined })}
        tabs={[
          { tabId: 'recus', label: 'Reçus' },
          { tabId: 'envoyes', label: 'Envoyés' },
        ]}
      >
        <Select
          label="Statut"
          className="fr-mb-3w"
          nativeSelectProps={{
            value: status ?? '',
            onChange: (event) => update({ statut: event.target.value || undefined }),
            style: { maxWidth: '20rem' },
          }}
        >
          <option value="">Tous les statuts</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </Select>
        {/* A new list (tab or filter) starts again from its first page. */}
        <HandoverList key={`${direction}-${status ?? ''}`} direction={direction} status={status} />
      </Tabs>
    </>
  );
}

function HandoverList({ direction, status }: { direction: Direction; status?: HandoverStatus }) {
  const { hasRole } = useMe();
  // The cursors of the pages before this one: "Page précédente" pops one.
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [after, setAfter] = useState<string>();
  const { data, error, loading, refetch } = useQuery(HANDOVERS_QUERY, {
    variables: { direction, first: PAGE_SIZE, after, status },
  });

  // An error replaces the list: access may have been withdrawn.
  if (error || !data) {
    return <PageState loading={loading} error={error} retry={() => void refetch()} />;
  }
  const { edges, pageInfo } = data.handovers;
  const page = cursors.length + 1;

  if (edges.length === 0 && page === 1) {
    const what = direction === 'INCOMING' ? 'reçu par vos structures' : 'envoyé';
    return (
      <EmptyState>
        {status
          ? `Aucun passage de relais ${what} n’a le statut « ${STATUS_LABELS[status]} ».`
          : `Aucun passage de relais ${what} pour le moment.`}
      </EmptyState>
    );
  }

  return (
    <>
      <div className="fr-table fr-table--no-caption-top relais-table-wrap">
        <table>
          <caption>
            {CAPTIONS[direction]}
            {status ? ` — statut « ${STATUS_LABELS[status]} »` : ''}
            {page > 1 ? ` — page ${page}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Personne</th>
              <th scope="col">Passage</th>
              <th scope="col">Proposé par</th>
              <th scope="col">Date</th>
              <th scope="col">Statut</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => {
              const nameId = `passage-${node.id}-personne`;
              const name = personName(node.person);
              return (
                <tr key={node.id}>
                  <td id={nameId}>
                    {/* A file opens for its team and, logged, for orientation managers. */}
                    {node.person.isMember || hasRole('ORIENTATION_MANAGER') ? (
                      <Link to={`/personnes/${node.person.id}`}>{name}</Link>
                    ) : (
                      name
                    )}
                  </td>
                  <td>
                    {node.fromStructure?.name ?? 'Sans structure référente'}
                    <span aria-hidden="true"> → </span>
                    <span className="fr-sr-only"> vers </span>
                    {node.toStructure.name}
                    {node.toAccount && (
                      <span className="fr-hint-text">
                        à l’attention {ofName(node.toAccount.name)}
                      </span>
                    )}
                  </td>
                  <td>{node.proposedBy.name}</td>
                  <td>{formatDate(node.createdAt)}</td>
                  <td>
                    <HandoverStatusBadge status={node.status} />
                    {node.status === 'PROPOSED' && (
                      <span className="fr-hint-text">expire le {formatDate(node.expiresAt)}</span>
                    )}
                  </td>
                  <td>
                    <Link to={`/passages/${node.id}`} aria-describedby={nameId}>
                      Voir le passage
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(page > 1 || pageInfo.hasNextPage) && (
        <nav className="relais-actions" aria-label="Pages des passages de relais">
          <Button
            priority="secondary"
            size="small"
            disabled={page === 1}
            onClick={() => {
              setAfter(cursors[cursors.length - 1]);
              setCursors(cursors.slice(0, -1));
            }}
          >
            Page précédente
          </Button>
          <span>Page {page}</span>
          <Button
            priority="secondary"
            size="small"
            disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
            onClick={() => {
              setCursors([...cursors, after]);
              setAfter(pageInfo.endCursor ?? undefined);
            }}
          >
            Page suivante
          </Button>
        </nav>
      )}
    </>
  );
}
