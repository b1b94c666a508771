import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, PageState } from '../components/PageState';
import {
  AdminAccessDenied,
  AdminPage,
  type AdminPlace,
  AdminPlaceSelect,
  placeArgs,
  useAdminPlaces,
  useSelectedPlace,
} from './AdminScope';
import { API_CLIENTS_QUERY } from './ApiClientsPage';
import { formatDateTime, fullName, roleLabel, structureTypeLabel } from './labels';
import { MEMBERSHIPS_QUERY } from './MembershipsPage';
import { usePlaceNames, type PlaceNames } from './usePlaceNames';

const AUDIT_QUERY = graphql(`
  query AdminAuditLog($territoryId: ID, $structureId: ID, $first: Int!, $after: String) {
    adminAuditLog(
      territoryId: $territoryId
      structureId: $structureId
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          id
          action
          actorAccountId
          actorMembershipId
          subjectType
          subjectId
          before
          after
          occurredAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type AuditEvent = ResultOf<typeof AUDIT_QUERY>['adminAuditLog']['edges'][number]['node'];

const PAGE_SIZE = 20;

/** The actions the API records, in French; an unknown one is shown as the API gives it. */
const ACTION_LABELS: Record<string, string> = {
  'territory.create': 'Ouverture du territoire',
  'structure.create': 'Création d’une structure',
  'structure.update': 'Modification d’une structure',
  'membership.grant': 'Invitation et rattachement',
  'membership.revoke': 'Retrait d’un rattachement',
  'membership.change_role': 'Changement de rôle d’un rattachement',
  'membership.add': 'Ajout d’un rattachement à un compte existant',
  'account.disable': 'Désactivation d’un compte',
  'account.enable': 'Réactivation d’un compte',
  'api_client.create': 'Création d’un client API',
  'api_client.rotate_secret': 'Renouvellement du secret d’un client API',
  'api_client.revoke': 'Révocation d’un client API',
  'api_client.set_webhook': 'Modification du webhook d’un client API',
  'api_client.rotate_webhook_secret': 'Renouvellement du secret d’un webhook',
  'api_client.redeliver_webhook': 'Nouvel envoi d’un événement au webhook',
  'person.purge_not_concerned': 'Suppression du dossier d’une personne non concernée',
  'import.structures': 'Import de structures',
  'import.accounts': 'Import de comptes',
  'import.people': 'Import de personnes',
  'import.team': 'Import d’équipes de suivi',
  'access_log.consult': 'Consultation du journal des accès d’une personne',
};

const SUBJECT_LABELS: Record<string, string> = {
  Territory: 'Territoire',
  Structure: 'Structure',
  Membership: 'Rattachement',
  Account: 'Compte',
  ApiClient: 'Client API',
  Person: 'Dossier',
  ImportRun: 'Import',
};

const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  name: 'Nom',
  type: 'Type',
  siret: 'SIRET',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  role: 'Rôle',
  structureId: 'Structure',
  territoryId: 'Territoire',
  revokedAt: 'Retiré le',
  email: 'Adresse électronique',
  status: 'État du compte',
  scopes: 'Autorisations',
  webhookUrl: 'Adresse du webhook',
  webhookSecretSet: 'Secret de signature défini',
  webhookSecretChanged: 'Nouveau secret de signature',
  fileName: 'Fichier',
  rows: 'Lignes',
  created: 'Créés',
  updated: 'Modifiés',
  unchanged: 'Inchangés',
  skipped: 'Écartés',
  reason: 'Motif',
  ground: 'Au titre de',
  deliveryId: 'Envoi',
  attempts: 'Tentatives',
};

/** Technical fields the record keeps but a person need not read here. */
const HIDDEN_FIELDS = new Set(['accountId', 'fileSha256']);

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: {
    ACTIVE: 'Actif',
    DISABLED: 'Désactivé',
    PENDING: 'En attente',
    DELIVERED: 'Remis',
    FAILED: 'En échec',
  },
  reason: {
    NOT_IN_SCOPE: 'Ni soumise aux droits et devoirs, ni accompagnée',
    CREATED_IN_ERROR: 'Dossier créé par erreur',
    DUPLICATE: 'Doublon d’un autre dossier du territoire',
  },
  ground: {
    REFERENT: 'Référent ou référente',
    ORIENTATION_MANAGER: 'Chargé ou chargée d’orientation',
  },
};

const SCOPE_LABELS: Record<string, string> = {
  'persons:read': 'lire les dossiers',
  'persons:write': 'créer et modifier des dossiers',
  'handovers:read': 'consulter les passages de relais',
  'handovers:write': 'gérer les passages de relais',
  'events:read': 'recevoir les événements',
  'sensitive:read': 'lire les informations sensibles',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function AdminAuditPage() {
  return (
    <AdminPage title="Journal d’administration">
      <AdminAudit />
    </AdminPage>
  );
}

function AdminAudit() {
  const { places } = useAdminPlaces();
  const [place, select] = useSelectedPlace(places);
  if (!place) return <AdminAccessDenied />;
  return (
    <>
      <p className="fr-text--lead">
        Chaque changement d’administration est enregistré : qui l’a fait, à quel titre, quand, et ce
        qui a changé. Le journal ne peut être ni modifié ni effacé.
      </p>
      <AdminPlaceSelect places={places} selected={place} onSelect={select} />
      {place.kind === 'platform' && (
        <p>
          Au niveau de la plateforme, le journal montre les changements qui ne relèvent d’aucun
          territoire. Ceux d’un territoire, y compris son ouverture et l’invitation des personnes
          qui l’administrent, figurent dans le journal de ce territoire, que ces personnes
          consultent.
        </p>
      )}
      <AuditList key={place.key} place={place} />
    </>
  );
}

/** Who the actors and acting memberships are, from the place's memberships and the account's own. */
function usePeople(place: AdminPlace) {
  const { me } = useMe();
  const { data, error } = useQuery(MEMBERSHIPS_QUERY, {
    variables: { ...placeArgs(place), includeRevoked: true, first: 100 },
  });
  return useMemo(() => {
    const accounts = new Map<string, string>([[me.id, `${fullName(me)} (vous)`]]);
    const memberships = new Map<
      string,
      { role: string; structureId?: string | null; territoryId?: string | null; accountId: string }
    >();
    for (const membership of me.memberships) {
      memberships.set(membership.id, {
        role: membership.role,
        structureId: membership.structure?.id,
        territoryId: membership.territory?.id,
        accountId: me.id,
      });
    }
    if (!error) {
      for (const edge of data?.memberships.edges ?? []) {
        const node = edge.node;
        if (!accounts.has(node.accountId)) accounts.set(node.accountId, fullName(node.account));
        memberships.set(node.id, node);
      }
    }
    return { accounts, memberships };
  }, [me, data, error]);
}

/** API clients' names, for a territory admin's journal (webhook changes record no name). */
function useApiClientNames(place: AdminPlace): ReadonlyMap<string, string> {
  const territoryId = place.kind === 'territory' && !place.viaPlatform ? place.territoryId : '';
  const { data, error } = useQuery(API_CLIENTS_QUERY, {
    variables: { territoryId },
    skip: !territoryId,
  });
  return useMemo(
    () => new Map(error ? [] : (data?.apiClients ?? []).map((client) => [client.id, client.name])),
    [data, error],
  );
}

function AuditList({ place }: { place: AdminPlace }) {
  const names = usePlaceNames(place);
  const people = usePeople(place);
  const clientNames = useApiClientNames(place);
  const { data, error, loading, refetch, fetchMore } = useQuery(AUDIT_QUERY, {
    variables: { ...placeArgs(place), first: PAGE_SIZE },
  });

  if (error) return <PageState error={error} retry={() => void refetch()} />;
  if (!data) return <PageState loading={loading} loadingText="Chargement du journal…" />;
  const events = data.adminAuditLog.edges.map((edge) => edge.node);
  if (events.length === 0) {
    return <EmptyState>Aucun changement d’administration n’est encore enregistré ici.</EmptyState>;
  }

  const loadMore = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        adminAuditLog: withMoreEdges(previous.adminAuditLog, fetchMoreResult.adminAuditLog),
      }),
    });

  const actorOf = (event: AuditEvent) =>
    people.accounts.get(event.actorAccountId) ?? 'Compte hors de votre périmètre';
  const actingAs = (event: AuditEvent) => {
    const membership = people.memberships.get(event.actorMembershipId);
    if (!membership) return 'Rattachement hors de votre périmètre';
    const where =
      membership.structureId || membership.territoryId ? ` — ${names.placeOf(membership)}` : '';
    return `${roleLabel(membership.role)}${where}`;
  };

  return (
    <>
      <div className="fr-table relais-table-wrap">
        <table>
          <caption>Journal d’administration — {place.label}, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Auteur ou autrice</th>
              <th scope="col">À titre de</th>
              <th scope="col">Action</th>
              <th scope="col">Cible</th>
              <th scope="col">Détails</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{formatDateTime(event.occurredAt)}</td>
                <td>{actorOf(event)}</td>
                <td>{actingAs(event)}</td>
                <td>{ACTION_LABELS[event.action] ?? event.action}</td>
                <td>{targetOf(event, names, people, clientNames)}</td>
                <td>
                  <Details event={event} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreButton pageInfo={data.adminAuditLog.pageInfo} onMore={loadMore} showError>
        Voir plus
      </LoadMoreButton>
    </>
  );
}

function targetOf(
  event: AuditEvent,
  names: PlaceNames,
  {
    accounts,
    memberships,
  }: {
    accounts: ReadonlyMap<string, string>;
    memberships: ReadonlyMap<string, { accountId: string }>;
  },
  clientNames: ReadonlyMap<string, string>,
): string {
  const kind = SUBJECT_LABELS[event.subjectType] ?? event.subjectType;
  const snapshot = { ...(event.before ?? {}), ...(event.after ?? {}) };
  const text = (key: string) => (typeof snapshot[key] === 'string' ? snapshot[key] : undefined);
  let name: string | undefined;
  switch (event.subjectType) {
    case 'Structure':
      name = names.structureName(event.subjectId) ?? text('name');
      break;
    case 'Territory':
      name = names.territoryName(event.subjectId) ?? text('name');
      break;
    case 'ApiClient':
      name = clientNames.get(event.subjectId) ?? text('name');
      break;
    case 'ImportRun':
      name = text('fileName');
      break;
    case 'Membership': {
      const accountId = memberships.get(event.subjectId)?.accountId ?? text('accountId');
      name = (accountId && accounts.get(accountId)) || text('email');
      break;
    }
    case 'Account':
      name = accounts.get(event.subjectId);
      break;
  }
  // The record names a person's file by id only: so does this page.
  return `${kind} : ${name ?? `n° ${event.subjectId.slice(0, 8)}`}`;
}

function Details({ event, names }: { event: AuditEvent; names: PlaceNames }) {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => !HIDDEN_FIELDS.has(key),
  );
  const lines: string[] = [];
  for (const key of keys) {
    const label = FIELD_LABELS[key] ?? key;
    const was = key in before ? formatValue(key, before[key], names) : undefined;
    const now = key in after ? formatValue(key, after[key], names) : undefined;
    if (event.before && event.after) {
      if (was !== now) lines.push(`${label} : ${was ?? '—'} → ${now ?? '—'}`);
    } else if ((now ?? was ?? '—') !== '—') {
      // A creation or a removal: what was set, leaving out the empty fields.
      lines.push(`${label} : ${now ?? was}`);
    }
  }
  if (lines.length === 0) return <span className="relais-redacted">Aucun détail</span>;
  return (
    <ul className="fr-my-0 fr-text--sm">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

function formatValue(key: string, value: unknown, names: PlaceNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        typeof item === 'string' ? (SCOPE_LABELS[item] ?? item) : JSON.stringify(item),
      )
      .join(', ');
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  switch (key) {
    case 'role':
      return roleLabel(value);
    case 'type':
      return structureTypeLabel(value);
    case 'structureId':
      return names.structureName(value) ?? 'structure non listée';
    case 'territoryId':
      return names.territoryName(value) ?? 'territoire non listé';
  }
  const known = VALUE_LABELS[key]?.[value];
  if (known) return known;
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  return value;
}
