import { useQuery } from '@apollo/client/react';
import { graphql, type ResultOf } from '../../api/graphql';
import { LoadMoreButton, withMoreEdges } from '../../components/LoadMoreButton';
import { EmptyState, PageState } from '../../components/PageState';
import {
  ACTION_STATUS_LABELS,
  APPOINTMENT_STATUS_LABELS,
  CONTRACT_SOUGHT_LABELS,
  CONTRACT_TYPE_LABELS,
  eventLabel,
  formatDate,
  formatDateTime,
  GOAL_STATUS_LABELS,
  HANDOVER_STATUS_LABELS,
  JOIN_REQUEST_STATUS_LABELS,
  NOTE_VISIBILITY_LABELS,
  OBSTACLE_STATUS_LABELS,
  OBSTACLE_THEME_LABELS,
  ORIENTATION_LABELS,
  RIGHT_LABELS,
  TEAM_ROLE_LABELS,
} from '../labels';
import { Redacted } from './common';
import type { SectionProps } from './query';

const PAGE_SIZE = 20;

const PERSON_TIMELINE = graphql(`
  query PersonTimeline($id: ID!, $first: Int!, $after: String) {
    person(id: $id) {
      id
      timeline(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            type
            occurredAt
            subjectType
            redacted
            sensitive
            before
            after
            actor {
              name
              structureName
              partnerSystem
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

type TimelineEvent = ResultOf<
  typeof PERSON_TIMELINE
>['person']['timeline']['edges'][number]['node'];

/** The French name of a changed field; fields not listed (ids, internals) are not shown. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  givenName: 'Prénom',
  familyName: 'Nom',
  birthName: 'Nom de naissance',
  birthDate: 'Date de naissance',
  email: 'Adresse électronique',
  phone: 'Téléphone',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  cafNumber: 'Numéro CAF',
  franceTravailId: 'Identifiant France Travail',
  nir: 'NIR',
  rights: 'Droits',
  rightsAndDuties: 'Droits et devoirs',
  restricted: 'Limitation du traitement',
  objection: 'Opposition',
  orientationType: 'Orientation',
  targetJob: 'Métier recherché',
  romeCode: 'Code ROME',
  mobilityRadiusKm: 'Rayon de mobilité (km)',
  contractsSought: 'Contrats recherchés',
  theme: 'Thème',
  status: 'Statut',
  comment: 'Commentaire',
  title: 'Intitulé',
  type: 'Type',
  startsOn: 'Début',
  endsOn: 'Fin',
  dueOn: 'Échéance',
  startsAt: 'Date',
  durationMinutes: 'Durée (min)',
  withWhom: 'Avec',
  location: 'Lieu',
  remote: 'À distance',
  visibility: 'Visible par',
  sensitive: 'Sensible',
  role: 'Rôle',
  reason: 'Motif',
};

/** Enum values said in French, by the field (and, for a status, the kind of record). */
function valueLabels(
  field: string,
  subjectType: string,
): Readonly<Record<string, string>> | undefined {
  switch (field) {
    case 'status':
      return (
        {
          Goal: GOAL_STATUS_LABELS,
          PlanAction: ACTION_STATUS_LABELS,
          Appointment: APPOINTMENT_STATUS_LABELS,
          Obstacle: OBSTACLE_STATUS_LABELS,
          Handover: HANDOVER_STATUS_LABELS,
          JoinRequest: JOIN_REQUEST_STATUS_LABELS,
          OrientationRequest: { PENDING: 'En attente', ACCEPTED: 'Acceptée', DENIED: 'Refusée' },
        } as Record<string, Record<string, string>>
      )[subjectType];
    case 'theme':
      return OBSTACLE_THEME_LABELS;
    case 'type':
      return CONTRACT_TYPE_LABELS;
    case 'visibility':
      return NOTE_VISIBILITY_LABELS;
    case 'orientationType':
      return ORIENTATION_LABELS;
    case 'role':
      return TEAM_ROLE_LABELS;
    case 'rights':
      return RIGHT_LABELS;
    case 'contractsSought':
      return CONTRACT_SOUGHT_LABELS;
    default:
      return undefined;
  }
}

function formatValue(field: string, subjectType: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  const labels = valueLabels(field, subjectType);
  const one = (v: unknown): string => {
    const text = typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
    if (labels?.[text]) return labels[text];
    if (field === 'startsAt') return formatDateTime(text);
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
    return text;
  };
  if (Array.isArray(value)) return value.length === 0 ? 'aucun' : value.map(one).join(', ');
  return one(value);
}

function Changes({ event }: { event: TimelineEvent }) {
  if (event.redacted) {
    return (
      <p className="fr-text--sm fr-mb-0">
        <Redacted>Détail protégé : réservé au référent et aux structures habilitées</Redacted>
      </p>
    );
  }
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => field in FIELD_LABELS,
  );
  if (fields.length === 0) return null;
  return (
    <ul className="fr-text--sm fr-mb-0">
      {fields.map((field) => (
        <li key={field}>
          {FIELD_LABELS[field]} :{' '}
          {field in before && event.before
            ? `${formatValue(field, event.subjectType, before[field])} → `
            : ''}
          {formatValue(field, event.subjectType, after[field])}
        </li>
      ))}
    </ul>
  );
}

/** Every change of the file, newest first, page by page. */
export function TimelineSection({ person }: SectionProps) {
  const { data, error, loading, refetch, fetchMore } = useQuery(PERSON_TIMELINE, {
    variables: { id: person.id, first: PAGE_SIZE },
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });

  if (error) {
    return (
      <section aria-labelledby="historique-titre">
        <h2 id="historique-titre">Historique du parcours</h2>
        <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
      </section>
    );
  }
  const timeline = data?.person.timeline;

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        person: {
          ...fetchMoreResult.person,
          timeline: withMoreEdges(previous.person.timeline, fetchMoreResult.person.timeline),
        },
      }),
    });

  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique du parcours</h2>
      {!timeline ? (
        <PageState loading={loading} loadingText="Chargement de l’historique…" />
      ) : timeline.edges.length === 0 ? (
        <EmptyState>Aucun changement n’a encore été enregistré.</EmptyState>
      ) : (
        <>
          <ol
            className="fr-raw-list"
            aria-label="Changements du dossier, du plus récent au plus ancien"
          >
            {timeline.edges.map(({ node: event }) => (
              <li
                key={event.id}
                className="fr-py-2w"
                style={{ borderBottom: '1px solid var(--border-default-grey)' }}
              >
                <p className="fr-text--bold fr-mb-1v">{eventLabel(event.type)}</p>
                <p className="fr-text--sm fr-mb-1v">
                  Le {formatDateTime(event.occurredAt)} par {event.actor.name}
                  {event.actor.partnerSystem
                    ? ' (système partenaire)'
                    : event.actor.structureName
                      ? ` (${event.actor.structureName})`
                      : ''}
                </p>
                <Changes event={event} />
              </li>
            ))}
          </ol>
          <LoadMoreButton
            pageInfo={timeline.pageInfo}
            onMore={more}
            loadingLabel="Chargement…"
            className="fr-mt-2w"
          />
        </>
      )}
    </section>
  );
}
