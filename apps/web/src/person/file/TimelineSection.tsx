import { useQuery } from '@apollo/client/react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { TIMELINE_KIND_LABELS, TIMELINE_KINDS, type TimelineKind } from '../../api/event-types';
import { graphql, type ResultOf } from '../../api/graphql';
import { LoadMoreButton, withMoreEdges } from '../../components/LoadMoreButton';
import { EmptyState, PageState } from '../../components/PageState';
import {
  ACTION_STATUS_LABELS,
  APPOINTMENT_STATUS_LABELS,
  CONTRACT_SOUGHT_LABELS,
  CONTRACT_TYPE_LABELS,
  type ContractType,
  eventLabel,
  formatDate,
  formatDateTime,
  GOAL_STATUS_LABELS,
  HANDOVER_STATUS_LABELS,
  JOIN_REQUEST_STATUS_LABELS,
  NOTE_VISIBILITY_LABELS,
  OBSTACLE_STATUS_LABELS,
  OBSTACLE_THEME_LABELS,
  type ObstacleTheme,
  ORIENTATION_LABELS,
  PERSON_FIELD_LABELS,
  RIGHT_LABELS,
  TEAM_ROLE_LABELS,
} from '../labels';
import { Redacted } from './common';
import type { SectionProps } from './query';

const PAGE_SIZE = 20;

const PERSON_TIMELINE = graphql(`
  query PersonTimeline($id: ID!, $first: Int!, $after: String, $kinds: [TimelineKind!]) {
    person(id: $id) {
      id
      timeline(first: $first, after: $after, kinds: $kinds) {
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
            subjectName
            references {
              id
              name
            }
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

/**
 * The French name of a changed field, in the order the fields are listed (the same for every
 * entry); fields not listed (internal ids) are not shown.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Intitulé',
  status: 'Statut',
  type: 'Type',
  theme: 'Thème',
  ...PERSON_FIELD_LABELS,
  // Shorter in a list of changes than in the form, where they explain themselves.
  cafNumber: 'Numéro CAF',
  nir: 'NIR',
  rights: 'Droits',
  rightsAndDuties: 'Droits et devoirs',
  restricted: 'Limitation du traitement',
  objection: 'Opposition',
  orientationType: 'Orientation',
  orientationStructureId: 'Structure d’orientation',
  targetJob: 'Métier recherché',
  romeCode: 'Code ROME',
  mobilityRadiusKm: 'Rayon de mobilité (km)',
  contractsSought: 'Contrats recherchés',
  goalId: 'Objectif',
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
  accountId: 'Professionnel',
  structureId: 'Structure',
  fromStructureId: 'Structure d’origine',
  toStructureId: 'Structure proposée',
  toAccountId: 'Professionnel proposé',
  targetStructureId: 'Structure retenue',
  referentAccountId: 'Référent',
  referentStructureId: 'Structure du référent',
  formerReferentStaysAsFollower: 'L’ancien référent reste dans l’équipe',
  closedContracts: 'Contrats clos',
  newContractType: 'Nouveau contrat',
  newContractEndsOn: 'Fin du nouveau contrat',
  comment: 'Commentaire',
  reason: 'Motif',
};
const FIELD_ORDER = Object.keys(FIELD_LABELS);

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
          RightsRequest: RIGHTS_REQUEST_STATUS_LABELS,
        } as Record<string, Record<string, string>>
      )[subjectType];
    case 'theme':
      return OBSTACLE_THEME_LABELS;
    case 'type':
    case 'closedContracts':
    case 'newContractType':
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

/** An id's name among the entry's references; an id the viewer may not name stays unnamed. */
function nameOf(event: TimelineEvent, id: unknown): string | null {
  return event.references.find((reference) => reference.id === id)?.name ?? null;
}

function formatValue(event: TimelineEvent, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (/Id$/.test(field)) return nameOf(event, value) ?? 'non communiqué';
  const labels = valueLabels(field, event.subjectType);
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

/** A person's request about their rights (issue 22), by its kind. */
const RIGHTS_REQUEST_NOUNS: Readonly<Record<string, string>> = {
  RECTIFICATION: 'rectification',
  OBJECTION: 'opposition au partage',
  RESTRICTION: 'limitation du traitement',
};

const RIGHTS_REQUEST_STATUS_LABELS: Readonly<Record<string, string>> = {
  PENDING: 'À traiter',
  ACCEPTED: 'Acceptée',
  REFUSED: 'Refusée',
};

/** « La personne a demandé une rectification », « Demande de rectification acceptée ». */
function rightsRequestTitle(event: TimelineEvent, after: Record<string, unknown>): string {
  const noun = RIGHTS_REQUEST_NOUNS[String(after.kind)];
  if (!noun) return eventLabel(event.type);
  if (event.type === 'rights.requested') {
    const article = noun === 'rectification' ? 'une ' : /^[ao]/.test(noun) ? 'l’' : 'la ';
    return `La personne a demandé ${article}${noun}`;
  }
  const outcome = after.status === 'ACCEPTED' ? 'acceptée' : 'refusée';
  return `Demande ${/^[ao]/.test(noun) ? 'd’' : 'de '}${noun} ${outcome}`;
}

/** What each kind of record is called, before its name. */
const SUBJECT_NOUNS: Readonly<Record<string, string>> = {
  PlanAction: 'Action',
  Goal: 'Objectif',
  Contract: 'Contrat',
  Obstacle: 'Frein',
  Appointment: 'Rendez-vous',
};

/** The record an entry is about, named: « Permis B », a contract's type, a meeting's time. */
function subjectOf(event: TimelineEvent): string | null {
  const name = event.subjectName;
  if (!name) return null;
  switch (event.subjectType) {
    case 'Contract':
      return CONTRACT_TYPE_LABELS[name as ContractType] ?? name;
    case 'Obstacle':
      return OBSTACLE_THEME_LABELS[name as ObstacleTheme] ?? name;
    case 'Appointment':
      return `du ${formatDateTime(name)}`;
    default:
      return `« ${name} »`;
  }
}

/**
 * The entry's headline, naming its object: "Action « Permis B » : En cours → Abandonnée",
 * "Passage de relais proposé à Mission locale Nantes, nommant Yanis Benali".
 */
function entryTitle(event: TimelineEvent): string {
  const label = eventLabel(event.type);
  if (event.redacted) return label;
  const before = event.before ?? {};
  const after = event.after ?? {};
  const named = (field: string) => nameOf(event, after[field]);
  if (event.subjectType === 'Handover') {
    const target = named('toStructureId');
    if (event.type === 'handover.proposed' && target) {
      const person = named('toAccountId');
      return `${label} à ${target}${person ? `, nommant ${person}` : ''}`;
    }
    if (event.type === 'handover.accepted') {
      const referent = named('referentAccountId');
      const structure = named('referentStructureId');
      if (referent)
        return `${label} : ${referent}${structure ? ` (${structure})` : ''} devient référent`;
    }
    return target ? `${label} (${target})` : label;
  }
  if (event.subjectType === 'RightsRequest') return rightsRequestTitle(event, after);
  if (event.subjectType === 'OrientationRequest') {
    const target = named('targetStructureId');
    return target ? `${label} vers ${target}` : label;
  }
  const subject = subjectOf(event);
  const noun = SUBJECT_NOUNS[event.subjectType];
  if (!subject || !noun) return label;
  if (event.type.endsWith('.updated') && 'status' in before && 'status' in after) {
    return `${noun} ${subject} : ${formatValue(event, 'status', before.status)} → ${formatValue(event, 'status', after.status)}`;
  }
  return `${label} : ${noun.toLowerCase()} ${subject}`;
}

function Changes({ event }: { event: TimelineEvent }) {
  if (event.redacted) {
    return (
      <p className="fr-text--sm fr-mb-0">
        <Redacted>Détail protégé : réservé au référent et aux structures habilitées</Redacted>
      </p>
    );
  }
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = FIELD_ORDER.filter((field) => field in before || field in after);
  if (fields.length === 0) return null;
  return (
    <ul className="fr-text--sm fr-mb-0">
      {fields.map((field) => (
        <li key={field}>
          {FIELD_LABELS[field]} :{' '}
          {field in before && event.before ? `${formatValue(event, field, before[field])} → ` : ''}
          {formatValue(event, field, after[field])}
        </li>
      ))}
    </ul>
  );
}

/** Every change of the file, newest first, page by page, of one kind or all. */
export function TimelineSection({ person }: SectionProps) {
  const [kind, setKind] = useState<TimelineKind | ''>('');
  const { data, error, loading, refetch, fetchMore } = useQuery(PERSON_TIMELINE, {
    variables: { id: person.id, first: PAGE_SIZE, kinds: kind ? [kind] : null },
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });

  const filter = (
    <Select
      label="Type de changement"
      className="fr-mb-3w"
      nativeSelectProps={{
        value: kind,
        onChange: (e) => setKind(e.target.value as TimelineKind | ''),
      }}
    >
      <option value="">Tous les changements</option>
      {TIMELINE_KINDS.map((value) => (
        <option key={value} value={value}>
          {TIMELINE_KIND_LABELS[value]}
        </option>
      ))}
    </Select>
  );

  if (error) {
    return (
      <section aria-labelledby="historique-titre">
        <h2 id="historique-titre">Historique du parcours</h2>
        {filter}
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
      {filter}
      {!timeline || (loading && !data) ? (
        <PageState loading={loading} loadingText="Chargement de l’historique…" />
      ) : timeline.edges.length === 0 ? (
        <EmptyState>
          {kind
            ? 'Aucun changement de ce type n’a été enregistré.'
            : 'Aucun changement n’a encore été enregistré.'}
        </EmptyState>
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
                <p className="fr-text--bold fr-mb-1v">{entryTitle(event)}</p>
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
