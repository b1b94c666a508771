import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useState } from 'react';
import { Link } from 'react-router';
import { EventType } from '../api/event-types';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { EmptyState, MutationError, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { useRealtime } from '../realtime/RealtimeProvider';
import { CHECKBOX_INPUT_STYLE, formatDateTime, personName } from './handover-format';
import { ofName } from '../components/typography';

// The RealtimeProvider refetches `Notifications` when one is pushed: new ones show at once.
const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int!, $after: String, $unreadOnly: Boolean!) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      edges {
        cursor
        node {
          id
          type
          createdAt
          readAt
          handoverId
          joinRequestId
          orientationRequestId
          actor {
            name
            structure {
              id
              name
            }
          }
          person {
            id
            givenName
            familyName
            isMember
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MARK_READ = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      marked
      unreadCount
    }
  }
`);

const MARK_ALL_READ = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      marked
      unreadCount
    }
  }
`);

type Notification = ResultOf<typeof NOTIFICATIONS_QUERY>['notifications']['edges'][number]['node'];

const PAGE_SIZE = 20;
/** The API's page limit: "Voir plus" grows one list up to it. */
const MAX_SHOWN = 100;
/** The list and the bell's count, after a change of read state (the push may come later). */
const REFRESHED = ['Notifications', 'UnreadNotificationCount'];

/** `/notifications`: the caller's inbox, newest first, read and unread. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  const { unreadCount } = useRealtime();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // "Voir plus" asks for a longer first page rather than a second one: the live refetch of
  // `Notifications` then keeps everything shown, newly arrived ones on top.
  const [shown, setShown] = useState(PAGE_SIZE);
  // While a longer list loads, the shorter one stays on screen (not when the filter changed).
  const [growing, setGrowing] = useState(false);
  const { data, previousData, error, loading, refetch } = useQuery(NOTIFICATIONS_QUERY, {
    variables: { first: shown, unreadOnly },
  });
  const [markAll, markAllState] = useMutation(MARK_ALL_READ, { refetchQueries: REFRESHED });
  const [confirmation, setConfirmation] = useState<string>();

  const onMarkAll = () => {
    setConfirmation(undefined);
    markAll().then(
      ({ data: result }) => {
        const marked = result?.markAllNotificationsRead.marked ?? 0;
        setConfirmation(
          marked === 0
            ? 'Toutes vos notifications étaient déjà lues.'
            : `${marked} notification${marked > 1 ? 's marquées comme lues' : ' marquée comme lue'}.`,
        );
      },
      () => undefined,
    );
  };

  return (
    <>
      <h1>Notifications</h1>
      <p className="fr-text--lead">
        {unreadCount === undefined
          ? null
          : unreadCount === 0
            ? 'Vous n’avez aucune notification non lue.'
            : `Vous avez ${unreadCount} notification${unreadCount > 1 ? 's non lues' : ' non lue'}.`}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--middle fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <Checkbox
            small
            options={[
              {
                label: 'Non lues seulement',
                nativeInputProps: {
                  style: CHECKBOX_INPUT_STYLE,
                  checked: unreadOnly,
                  onChange: (event) => {
                    setUnreadOnly(event.target.checked);
                    setShown(PAGE_SIZE);
                    setGrowing(false);
                  },
                },
              },
            ]}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Button priority="secondary" onClick={onMarkAll} disabled={markAllState.loading}>
            Tout marquer comme lu
          </Button>
        </div>
      </div>
      <MutationError error={markAllState.error} />
      <div aria-live="polite">
        {confirmation && (
          <Alert
            severity="success"
            small
            className="fr-mb-2w"
            description={confirmation}
            closable
            onClose={() => setConfirmation(undefined)}
          />
        )}
      </div>
      <NotificationList
        data={data ?? (growing ? previousData : undefined)}
        error={error}
        loading={loading}
        unreadOnly={unreadOnly}
        retry={() => void refetch()}
        onMore={(more) => {
          setGrowing(true);
          setShown(more);
        }}
        shown={shown}
      />
    </>
  );
}

function NotificationList({
  data,
  error,
  loading,
  unreadOnly,
  shown,
  retry,
  onMore,
}: {
  data: ResultOf<typeof NOTIFICATIONS_QUERY> | undefined;
  error: unknown;
  loading: boolean;
  unreadOnly: boolean;
  shown: number;
  retry: () => void;
  onMore: (shown: number) => void;
}) {
  // An error replaces the list: never stale rows beside a refusal.
  if (error || !data) return <PageState loading={loading} error={error} retry={retry} />;
  const { edges, pageInfo } = data.notifications;
  if (edges.length === 0) {
    return (
      <EmptyState>
        {unreadOnly
          ? 'Aucune notification non lue : vous êtes à jour.'
          : 'Aucune notification pour le moment. Les passages de relais et les demandes qui vous concernent s’afficheront ici.'}
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="fr-raw-list" aria-label="Vos notifications, les plus récentes d’abord">
        {edges.map(({ node }) => (
          <NotificationItem key={node.id} notification={node} />
        ))}
      </ul>
      {pageInfo.hasNextPage &&
        (shown < MAX_SHOWN ? (
          <Button
            priority="secondary"
            onClick={() => onMore(Math.min(shown + PAGE_SIZE, MAX_SHOWN))}
            disabled={loading}
          >
            Voir plus
          </Button>
        ) : (
          <p className="fr-text--sm">
            Les {MAX_SHOWN} notifications les plus récentes sont affichées. Marquez-les comme lues
            et cochez « Non lues seulement » pour voir les plus anciennes non lues.
          </p>
        ))}
    </>
  );
}

function NotificationItem({ notification }: { notification: Notification }) {
  const { hasRole } = useMe();
  const [markRead, { loading, error }] = useMutation(MARK_READ, { refetchQueries: REFRESHED });
  const unread = notification.readAt === null;
  const sentenceId = `notification-${notification.id}`;
  const read = () => {
    if (unread) markRead({ variables: { ids: [notification.id] } }).catch(() => undefined);
  };

  const person = notification.person;
  // Files open for their team and, logged, for orientation managers.
  const fileOpenable = person !== null && (person.isMember || hasRole('ORIENTATION_MANAGER'));
  const links: { to: string; text: string }[] = [];
  if (notification.handoverId) {
    links.push({ to: `/passages/${notification.handoverId}`, text: 'Voir le passage' });
  }
  if (notification.joinRequestId && notification.type === EventType.TEAM_JOIN_REQUESTED) {
    links.push({ to: '/demandes', text: 'Voir les demandes' });
  }
  if (person && fileOpenable && !notification.handoverId) {
    links.push({ to: `/personnes/${person.id}`, text: 'Ouvrir le dossier' });
  }

  return (
    <li
      className="fr-p-2w fr-mb-2w"
      style={{
        border: '1px solid var(--border-default-grey)',
        borderLeft: unread
          ? '4px solid var(--border-plain-blue-france)'
          : '1px solid var(--border-default-grey)',
      }}
    >
      <p className="fr-mb-1w">
        {unread ? (
          <Badge as="span" severity="new" small>
            Non lue
          </Badge>
        ) : (
          <Badge as="span" small noIcon>
            Lue
          </Badge>
        )}{' '}
        <span className="fr-text--sm">{formatDateTime(notification.createdAt)}</span>
      </p>
      <p id={sentenceId} className={unread ? 'fr-text--bold fr-mb-1w' : 'fr-mb-1w'}>
        {sentenceOf(notification)}
      </p>
      <MutationError error={error} />
      <div className="relais-actions">
        {links.map((link) => (
          <Link
            key={link.to}
            to={link.to}
            className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
            aria-describedby={sentenceId}
            onClick={read}
          >
            {link.text}
          </Link>
        ))}
        {unread && (
          <Button
            priority="tertiary no outline"
            size="small"
            onClick={read}
            disabled={loading}
            nativeButtonProps={{ 'aria-describedby': sentenceId }}
          >
            Marquer comme lue
          </Button>
        )}
      </div>
    </li>
  );
}

/** What happened, in a French sentence: who did what, for whom. */
function sentenceOf(notification: Notification): string {
  const actor = notification.actor
    ? `${notification.actor.name}${notification.actor.structure ? ` (${notification.actor.structure.name})` : ''}`
    : 'Relais';
  const person = notification.person ? personName(notification.person) : 'une personne accompagnée';
  switch (notification.type) {
    case EventType.HANDOVER_PROPOSED:
      return `${actor} propose un passage de relais pour ${person}.`;
    case EventType.HANDOVER_ACCEPTED:
      return `${actor} a accepté le passage de relais ${ofName(person)}.`;
    case EventType.HANDOVER_DECLINED:
      return `${actor} a refusé le passage de relais ${ofName(person)}.`;
    case EventType.HANDOVER_CANCELLED:
      return `${actor} a annulé le passage de relais ${ofName(person)}.`;
    case EventType.HANDOVER_EXPIRED:
      return `Le passage de relais ${ofName(person)} a expiré : il n’a pas reçu de réponse en 15 jours.`;
    case EventType.ORIENTATION_REQUESTED:
      return `${actor} demande une orientation pour ${person}.`;
    case EventType.ORIENTATION_ACCEPTED:
      return `${actor} a accepté la demande d’orientation ${ofName(person)} : un passage de relais est proposé.`;
    case EventType.ORIENTATION_DENIED:
      return `${actor} a refusé la demande d’orientation ${ofName(person)}.`;
    case EventType.TEAM_JOIN_REQUESTED:
      return `${actor} demande à rejoindre l’équipe de suivi ${ofName(person)}.`;
    case EventType.TEAM_JOIN_ACCEPTED:
      return `${actor} a accepté votre demande : vous faites partie de l’équipe de suivi ${ofName(person)}.`;
    case EventType.TEAM_JOIN_DECLINED:
      return `${actor} a refusé votre demande de rejoindre l’équipe de suivi ${ofName(person)}.`;
    case EventType.TEAM_JOINED:
      return `${actor} a rejoint l’équipe de suivi ${ofName(person)}.`;
    case EventType.TEAM_LEFT:
      return `${actor} a quitté l’équipe de suivi ${ofName(person)}.`;
    case EventType.APPOINTMENT_ANSWERED:
      return `${person} a répondu à un rendez-vous depuis son espace personnel : sa réponse est dans la liste des rendez-vous du dossier.`;
    case EventType.RIGHTS_REQUESTED:
      return `${person} a fait une demande sur ses droits depuis son espace personnel : à lire et à traiter dans son dossier, sous un mois.`;
    case EventType.PERSON_ARCHIVED:
      return `Le dossier ${ofName(person)} a été archivé faute d’activité : il est en lecture seule.`;
    default:
      return notification.person
        ? `Du nouveau dans le parcours ${ofName(person)}.`
        : 'Du nouveau dans Relais vous concerne.';
  }
}
