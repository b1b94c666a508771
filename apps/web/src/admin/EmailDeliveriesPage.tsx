import { useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql, type ResultOf, type VariablesOf } from '../api/graphql';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, PageState } from '../components/PageState';
import { AdminPage, type AdminPlace, AdminPlaceLists, placeArgs } from './AdminScope';
import { formatDateTime, fullName } from './labels';

const EMAIL_DELIVERIES_QUERY = graphql(`
  query AdminEmailDeliveries(
    $territoryId: ID
    $structureId: ID
    $status: EmailDeliveryStatus
    $first: Int!
    $after: String
  ) {
    emailDeliveries(
      territoryId: $territoryId
      structureId: $structureId
      status: $status
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          id
          kind
          status
          attempts
          lastError
          createdAt
          sentAt
          nextAttemptAt
          recipient {
            accountId
            givenName
            familyName
            address
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

type Delivery = ResultOf<typeof EMAIL_DELIVERIES_QUERY>['emailDeliveries']['edges'][number]['node'];
type Status = NonNullable<VariablesOf<typeof EMAIL_DELIVERIES_QUERY>['status']>;

const PAGE_SIZE = 50;

/** What each email tells, in the recipients' words. */
const KIND_LABELS: Record<Delivery['kind'], string> = {
  INVITATION: 'Invitation à Relais',
  APPOINTMENT_REMINDER: 'Rappel de rendez-vous à la personne',
  HANDOVER_PROPOSED: 'Passage de relais proposé',
  HANDOVER_ANSWERED: 'Réponse à un passage de relais',
  ORIENTATION_DECIDED: 'Décision d’orientation',
  JOIN_REQUESTED: 'Demande pour rejoindre une équipe',
  JOIN_DECIDED: 'Réponse à une demande pour rejoindre une équipe',
  CASELOAD_ENTERED: 'Nouvelle personne accompagnée',
  DAILY_DIGEST: 'Récapitulatif quotidien',
  // Emails to people followed: never in this log (no account), named for completeness.
  PERSON_SPACE_INVITATION: 'Invitation à l’espace personnel',
  PERSON_SIGN_IN_CODE: 'Code de connexion à l’espace personnel',
  RIGHTS_REQUESTED: 'Demande d’une personne sur ses droits',
  RIGHTS_REQUEST_ANSWERED: 'Réponse à une demande sur ses droits',
};

const STATUSES: readonly {
  value: Status;
  label: string;
  severity: 'info' | 'success' | 'warning' | 'error';
}[] = [
  { value: 'PENDING', label: 'En attente', severity: 'info' },
  { value: 'SENT', label: 'Envoyé', severity: 'success' },
  { value: 'DEFERRED', label: 'Différé', severity: 'warning' },
  { value: 'FAILED', label: 'En échec', severity: 'error' },
];

/** The filter's words for the caption: "envoyés", "en échec"... */
const STATUS_CAPTIONS: Record<Status, string> = {
  PENDING: 'en attente',
  SENT: 'envoyés',
  DEFERRED: 'différés',
  FAILED: 'en échec',
};

export function EmailDeliveriesPage() {
  return (
    <AdminPage title="Journal des courriels">
      <AdminPlaceLists
        intro={
          <>
            Les courriels que Relais envoie aux comptes de votre périmètre : invitations,
            notifications et récapitulatifs. Vous voyez s’ils sont partis, ceux qui attendent un
            nouvel essai et ceux qui ont échoué, avec la réponse du serveur de messagerie ; jamais
            leur contenu. Une invitation en échec peut être renvoyée depuis{' '}
            <Link to="/admin/comptes">Comptes et invitations</Link>, une fois l’adresse vérifiée.
          </>
        }
      >
        {(place) => <DeliveryList key={place.key} place={place} />}
      </AdminPlaceLists>
    </AdminPage>
  );
}

/** Whose emails the place shows, as the API scopes them. */
function scopeSentence(place: AdminPlace): string | undefined {
  if (place.kind === 'platform') {
    return 'Au niveau de la plateforme, le journal montre les courriels adressés aux administrateurs et administratrices de territoire.';
  }
  if (place.kind === 'territory' && place.viaPlatform) {
    return 'Pour ce territoire, vous voyez les courriels adressés aux personnes qui l’administrent.';
  }
  return undefined;
}

function DeliveryList({ place }: { place: AdminPlace }) {
  const [status, setStatus] = useState<Status | ''>('');
  const { data, error, loading, refetch, fetchMore } = useQuery(EMAIL_DELIVERIES_QUERY, {
    variables: { ...placeArgs(place), status: status || null, first: PAGE_SIZE },
  });

  const loadMore = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        emailDeliveries: withMoreEdges(previous.emailDeliveries, fetchMoreResult.emailDeliveries),
      }),
    });

  const rows = data?.emailDeliveries.edges.map((edge) => edge.node) ?? [];
  const sentence = scopeSentence(place);

  return (
    <>
      {sentence && <p>{sentence}</p>}
      <div className="fr-grid-row fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="État de l’envoi"
            nativeSelectProps={{
              value: status,
              onChange: (event) => setStatus(event.target.value as Status | ''),
            }}
          >
            <option value="">Tous les états</option>
            {STATUSES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {error ? (
        <PageState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <PageState loading={loading} loadingText="Chargement du journal des courriels…" />
      ) : rows.length === 0 ? (
        <EmptyState>
          {status
            ? `Aucun courriel ${STATUS_CAPTIONS[status]} pour ce périmètre.`
            : 'Aucun courriel n’a encore été envoyé aux comptes de ce périmètre.'}
        </EmptyState>
      ) : (
        <>
          <div className="fr-table relais-table-wrap">
            <table>
              <caption>
                Courriels {status ? STATUS_CAPTIONS[status] : 'envoyés et en cours'} — {place.label}
                , du plus récent au plus ancien
              </caption>
              <thead>
                <tr>
                  <th scope="col">Destinataire</th>
                  <th scope="col">Courriel</th>
                  <th scope="col">État</th>
                  <th scope="col">Tentatives</th>
                  <th scope="col">Motif du dernier échec</th>
                  <th scope="col">Créé le</th>
                  <th scope="col">Envoyé le</th>
                  <th scope="col">Prochain essai</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <DeliveryRow key={row.id} row={row} />
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreButton pageInfo={data.emailDeliveries.pageInfo} onMore={loadMore} showError>
            Voir plus de courriels
          </LoadMoreButton>
        </>
      )}
    </>
  );
}

/**
 * Why an attempt failed: the reasons Relais gives itself, in French; the SMTP server's answer
 * (code and words) as it came, since that is what a mail administrator will recognise.
 */
function errorText(error: string): string {
  if (error === 'account disabled') return 'Compte désactivé : courriel non envoyé';
  if (error === 'account deleted') return 'Compte supprimé : courriel non envoyé';
  const notRendered = /^not rendered: (.*)$/s.exec(error);
  if (notRendered) return `Courriel impossible à composer : ${notRendered[1]}`;
  const gaveUp = /^gave up after (\d+) attempts: (.*)$/s.exec(error);
  if (gaveUp) return `Abandon après ${gaveUp[1]} tentatives : ${gaveUp[2]}`;
  return error;
}

function DeliveryRow({ row }: { row: Delivery }) {
  const status = STATUSES.find((option) => option.value === row.status);
  return (
    <tr>
      <td>
        {fullName(row.recipient)}
        <br />
        <span className="fr-text--sm">{row.recipient.address}</span>
      </td>
      <td>{KIND_LABELS[row.kind]}</td>
      <td>
        <Badge small severity={status?.severity ?? 'info'} as="span">
          {status?.label ?? row.status}
        </Badge>
      </td>
      <td>{row.attempts.toLocaleString('fr-FR')}</td>
      <td>
        {row.lastError ? <span className="fr-text--sm">{errorText(row.lastError)}</span> : '—'}
      </td>
      <td>{formatDateTime(row.createdAt)}</td>
      <td>{row.sentAt ? formatDateTime(row.sentAt) : '—'}</td>
      <td>{row.nextAttemptAt ? formatDateTime(row.nextAttemptAt) : '—'}</td>
    </tr>
  );
}
