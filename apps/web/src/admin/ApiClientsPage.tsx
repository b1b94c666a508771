import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { EmptyState, PageState } from '../components/PageState';
import { INPUT_RULES, messageFor } from '../forms/field-check';
import { FormFooter } from '../forms/FormFooter';
import { useFieldErrors } from '../forms/useFieldErrors';
import { AdminPage, STRUCTURES_QUERY, territoryLabel, TerritorySelect } from './AdminScope';
import { ConfirmPanel } from './ConfirmPanel';
import { formatDate } from './labels';

export const API_CLIENTS_QUERY = graphql(`
  query AdminApiClients($territoryId: ID!) {
    apiClients(territoryId: $territoryId) {
      id
      name
      territoryId
      structureId
      scopes
      createdAt
      secretRotatedAt
      revokedAt
      webhookUrl
    }
  }
`);

const CREATE_API_CLIENT = graphql(`
  mutation CreateApiClient($input: CreateApiClientInput!) {
    createApiClient(input: $input) {
      clientSecret
      client {
        id
        name
      }
    }
  }
`);

const ROTATE_SECRET = graphql(`
  mutation RotateApiClientSecret($id: ID!) {
    rotateApiClientSecret(id: $id) {
      clientSecret
      client {
        id
        name
        secretRotatedAt
      }
    }
  }
`);

const REVOKE_API_CLIENT = graphql(`
  mutation RevokeApiClient($id: ID!) {
    revokeApiClient(id: $id) {
      id
      revokedAt
    }
  }
`);

const SET_WEBHOOK = graphql(`
  mutation SetApiClientWebhook($clientId: ID!, $url: String) {
    setApiClientWebhook(clientId: $clientId, url: $url) {
      webhookSecret
      client {
        id
        name
        webhookUrl
      }
    }
  }
`);

const ROTATE_WEBHOOK_SECRET = graphql(`
  mutation RotateApiClientWebhookSecret($clientId: ID!) {
    rotateApiClientWebhookSecret(clientId: $clientId) {
      webhookSecret
      client {
        id
        name
      }
    }
  }
`);

type ApiClient = ResultOf<typeof API_CLIENTS_QUERY>['apiClients'][number];

/** What each scope lets a partner system do, in the admins' words. */
const SCOPES: readonly { value: string; label: string; hint: string }[] = [
  {
    value: 'persons:read',
    label: 'Lire les dossiers',
    hint: 'Consulter les dossiers des personnes du périmètre, sans les informations sensibles.',
  },
  {
    value: 'persons:write',
    label: 'Créer et modifier des dossiers',
    hint: 'Créer des dossiers et mettre à jour les informations des personnes.',
  },
  {
    value: 'handovers:read',
    label: 'Consulter les passages de relais',
    hint: 'Lire les passages de relais proposés, acceptés ou refusés.',
  },
  {
    value: 'handovers:write',
    label: 'Gérer les passages de relais',
    hint: 'Proposer des passages de relais et y répondre.',
  },
  {
    value: 'events:read',
    label: 'Recevoir les événements',
    hint: 'Suivre le fil des événements (abonnement ou webhook) pour rester synchronisé.',
  },
  {
    value: 'sensitive:read',
    label: 'Lire les informations sensibles',
    hint: 'Freins et notes sensibles (santé, handicap, justice…) : à n’accorder qu’à un organisme qui doit les connaître.',
  },
];

const SCOPE_LABELS = new Map(SCOPES.map((scope) => [scope.value, scope.label]));

/** The fields of the client form, by the API's names (CreateApiClientInput). */
const CLIENT_LABELS = {
  name: 'Nom du client',
  structureId: 'Périmètre du client',
  scopes: 'Autorisations accordées',
};

const WEBHOOK_LABELS = { url: 'Adresse du webhook' };

/**
 * A webhook's address the API refused, whichever side found it: the form checks its format, the
 * API also that its host is public (WebhookUrlRefused names the field without a rule).
 */
const WEBHOOK_HINTS = {
  url: messageFor({ field: 'url', rule: 'FORMAT' }, INPUT_RULES.SetApiClientWebhookArgs.url),
};

/** A secret shown this once, with the client it belongs to. */
interface ShownSecret {
  readonly kind: 'client' | 'webhook';
  readonly clientId: string;
  readonly clientName: string;
  readonly secret: string;
  readonly intro: string;
}

export function ApiClientsPage() {
  const { hasRole } = useMe();
  return (
    <AdminPage title="Clients API">
      {hasRole('TERRITORY_ADMIN') ? (
        <ApiClients />
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Réservé aux administrateurs et administratrices de territoire"
          description="Les clients API des systèmes partenaires (France Travail, CAF, logiciel du département…) sont créés et gérés par les administrateurs et administratrices de chaque territoire."
        />
      )}
    </AdminPage>
  );
}

function ApiClients() {
  const { me } = useMe();
  const territories = useMemo(
    () =>
      me.memberships.flatMap((membership) =>
        membership.role === 'TERRITORY_ADMIN' && membership.territory
          ? [{ id: membership.territory.id, label: territoryLabel(membership.territory) }]
          : [],
      ),
    [me],
  );
  const [territoryId, setTerritoryId] = useState<string>();
  const territory = territories.find((t) => t.id === territoryId) ?? territories[0];
  if (!territory) return null;
  return (
    <>
      <p className="fr-text--lead">
        Un client API permet à un système partenaire d’échanger avec Relais, dans la limite de son
        périmètre et des autorisations que vous lui accordez.
      </p>
      <TerritorySelect territories={territories} selected={territory} onSelect={setTerritoryId} />
      <TerritoryClients key={territory.id} territoryId={territory.id} label={territory.label} />
    </>
  );
}

type Pending =
  | { action: 'revoke'; client: ApiClient }
  | { action: 'rotate'; client: ApiClient }
  | { action: 'webhook'; client: ApiClient };

function TerritoryClients({ territoryId, label }: { territoryId: string; label: string }) {
  const { data, error, loading, refetch } = useQuery(API_CLIENTS_QUERY, {
    variables: { territoryId },
  });
  const structures = useQuery(STRUCTURES_QUERY, { variables: { territoryId } });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownSecret>();
  const [pending, setPending] = useState<Pending>();
  const [notice, setNotice] = useState<string>();
  // Secrets never go to the cache: they live in this page's state until dismissed.
  const [rotate, rotating] = useMutation(ROTATE_SECRET, { fetchPolicy: 'no-cache' });
  const [revoke, revoking] = useMutation(REVOKE_API_CLIENT);

  const structureNames = useMemo(() => {
    const map = new Map<string, string>();
    if (!structures.error)
      for (const structure of structures.data?.structures ?? [])
        map.set(structure.id, structure.name);
    return map;
  }, [structures.data, structures.error]);
  const scopeOf = (client: ApiClient) =>
    client.structureId
      ? `Structure : ${structureNames.get(client.structureId) ?? 'structure non listée'}`
      : 'Tout le territoire';

  const reveal = (secret: ShownSecret) => {
    setNotice(undefined);
    setShown(secret);
  };

  const confirmRotate = async (client: ApiClient) => {
    let result;
    try {
      result = await rotate({ variables: { id: client.id } });
    } catch {
      return; // Shown in the confirmation panel.
    }
    const credentials = result.data?.rotateApiClientSecret;
    setPending(undefined);
    if (credentials) {
      reveal({
        kind: 'client',
        clientId: client.id,
        clientName: client.name,
        secret: credentials.clientSecret,
        intro: `Nouveau secret du client « ${client.name} » : l’ancien secret et les jetons obtenus avec lui ne fonctionnent plus.`,
      });
    }
    void refetch();
  };

  const confirmRevoke = async (client: ApiClient) => {
    try {
      await revoke({ variables: { id: client.id } });
    } catch {
      return;
    }
    setPending(undefined);
    setShown(undefined);
    setNotice(
      `Client API « ${client.name} » révoqué : ses jetons sont refusés et ses connexions fermées.`,
    );
    void refetch();
  };

  const clients = data?.apiClients ?? [];
  return (
    <>
      {shown && <SecretOnce shown={shown} onDone={() => setShown(undefined)} />}
      {notice && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={notice}
          closable
          onClose={() => setNotice(undefined)}
        />
      )}
      {pending?.action === 'revoke' && (
        <ConfirmPanel
          title={`Révoquer le client API « ${pending.client.name} » ?`}
          confirmLabel="Confirmer la révocation"
          busy={revoking.loading}
          error={revoking.error}
          onConfirm={() => void confirmRevoke(pending.client)}
          onCancel={() => {
            setPending(undefined);
            revoking.reset();
          }}
        >
          <p className="fr-mb-0">
            Le système partenaire ne pourra plus appeler Relais : ses jetons sont refusés
            immédiatement et ses connexions fermées. La révocation est définitive ; pour rétablir
            l’accès, il faudra créer un nouveau client.
          </p>
        </ConfirmPanel>
      )}
      {pending?.action === 'rotate' && (
        <ConfirmPanel
          title={`Renouveler le secret du client « ${pending.client.name} » ?`}
          confirmLabel="Confirmer le renouvellement"
          busy={rotating.loading}
          error={rotating.error}
          onConfirm={() => void confirmRotate(pending.client)}
          onCancel={() => {
            setPending(undefined);
            rotating.reset();
          }}
        >
          <p className="fr-mb-0">
            L’ancien secret cessera aussitôt de fonctionner : le système partenaire devra utiliser
            le nouveau, affiché une seule fois.
          </p>
        </ConfirmPanel>
      )}
      {pending?.action === 'webhook' && (
        <WebhookForm
          client={pending.client}
          onCancel={() => setPending(undefined)}
          onDone={(text, secret) => {
            setPending(undefined);
            if (secret) reveal(secret);
            else setNotice(text);
            void refetch();
          }}
        />
      )}

      {creating ? (
        <CreateClientForm
          territoryId={territoryId}
          structures={structures.error ? [] : (structures.data?.structures ?? [])}
          onCancel={() => setCreating(false)}
          onCreated={(secret) => {
            setCreating(false);
            reveal(secret);
            void refetch();
          }}
        />
      ) : (
        <Button
          className="fr-mb-3w"
          onClick={() => {
            setShown(undefined);
            setNotice(undefined);
            setCreating(true);
          }}
        >
          Créer un client API
        </Button>
      )}

      {error ? (
        <PageState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <PageState loading={loading} loadingText="Chargement des clients API…" />
      ) : clients.length === 0 ? (
        <EmptyState>Aucun client API n’a encore été créé pour ce territoire.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table>
            <caption>Clients API de {label}, du plus ancien au plus récent</caption>
            <thead>
              <tr>
                <th scope="col">Nom et identifiant</th>
                <th scope="col">Périmètre</th>
                <th scope="col">Autorisations</th>
                <th scope="col">Webhook</th>
                <th scope="col">État</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((client) => (
                <tr key={client.id}>
                  <td>
                    {client.name}
                    <br />
                    <span className="fr-text--xs">
                      Identifiant (client_id) : <code>{client.id}</code>
                    </span>
                  </td>
                  <td>{scopeOf(client)}</td>
                  <td>
                    <ul className="fr-my-0">
                      {client.scopes.map((scope) => (
                        <li key={scope}>{SCOPE_LABELS.get(scope) ?? scope}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {client.webhookUrl ? (
                      <span style={{ wordBreak: 'break-all' }}>{client.webhookUrl}</span>
                    ) : (
                      'Aucun'
                    )}
                  </td>
                  <td>
                    {client.revokedAt ? (
                      <Badge small severity="error" as="span">
                        {`Révoqué le ${formatDate(client.revokedAt)}`}
                      </Badge>
                    ) : (
                      <>
                        <Badge small severity="success" as="span">
                          Actif
                        </Badge>
                        <br />
                        <span className="fr-text--xs">
                          Créé le {formatDate(client.createdAt)}, secret du{' '}
                          {formatDate(client.secretRotatedAt)}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {!client.revokedAt && (
                      <div className="relais-actions">
                        <Button
                          priority="secondary"
                          size="small"
                          nativeButtonProps={{
                            'aria-label': `Renouveler le secret du client ${client.name}`,
                          }}
                          onClick={() => {
                            rotating.reset();
                            setPending({ action: 'rotate', client });
                          }}
                        >
                          Renouveler le secret
                        </Button>
                        <Button
                          priority="secondary"
                          size="small"
                          nativeButtonProps={{
                            'aria-label': `Configurer le webhook du client ${client.name}`,
                          }}
                          onClick={() => setPending({ action: 'webhook', client })}
                        >
                          Configurer le webhook
                        </Button>
                        <Button
                          priority="tertiary"
                          size="small"
                          nativeButtonProps={{
                            'aria-label': `Révoquer le client ${client.name}`,
                          }}
                          onClick={() => {
                            revoking.reset();
                            setPending({ action: 'revoke', client });
                          }}
                        >
                          Révoquer
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/**
 * A secret shown this once, prominently, with a copy button. It lives in component state only
 * and is gone once dismissed or the page is left.
 */
function SecretOnce({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [shown]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  const what = shown.kind === 'client' ? 'Secret du client' : 'Secret de signature du webhook';
  return (
    <section
      className="fr-alert fr-alert--warning fr-mb-4w"
      aria-labelledby="secret-title"
      data-testid="secret-once"
    >
      <h2 id="secret-title" className="fr-alert__title" tabIndex={-1} ref={heading}>
        {what} « {shown.clientName} »
      </h2>
      <p>{shown.intro}</p>
      <p>
        <strong>Copiez ce secret maintenant : il ne sera plus affiché.</strong>
      </p>
      {shown.kind === 'client' && (
        <p className="fr-mb-1w">
          Identifiant (client_id) : <code>{shown.clientId}</code>
        </p>
      )}
      <p className="fr-mb-2w">
        {shown.kind === 'client' ? 'Secret (client_secret)' : 'Secret de signature'} :{' '}
        <code style={{ wordBreak: 'break-all', userSelect: 'all' }} data-testid="secret-value">
          {shown.secret}
        </code>
      </p>
      <div className="relais-actions">
        <Button
          priority="secondary"
          onClick={() => void copy()}
          nativeButtonProps={{ 'aria-describedby': 'secret-copy-status' }}
        >
          Copier le secret
        </Button>
        <Button priority="tertiary" onClick={onDone}>
          J’ai conservé le secret, masquer
        </Button>
      </div>
      <p id="secret-copy-status" role="status" className="fr-mt-1w fr-mb-0">
        {copied === 'yes'
          ? 'Secret copié dans le presse-papiers.'
          : copied === 'failed'
            ? 'La copie automatique a échoué : sélectionnez le secret et copiez-le vous-même.'
            : ''}
      </p>
    </section>
  );
}

function CreateClientForm({
  territoryId,
  structures,
  onCancel,
  onCreated,
}: {
  territoryId: string;
  structures: readonly { id: string; name: string }[];
  onCancel: () => void;
  onCreated: (secret: ShownSecret) => void;
}) {
  const [name, setName] = useState('');
  const [structureId, setStructureId] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const [create, { loading }] = useMutation(CREATE_API_CLIENT, { fetchPolicy: 'no-cache' });
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.CreateApiClientInput,
    labels: CLIENT_LABELS,
    idPrefix: 'client',
    ids: { scopes: 'client-scopes-0' },
    hints: { scopes: 'Cochez au moins une autorisation.' },
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const toggle = (scope: string, on: boolean) =>
    setScopes((current) =>
      on ? [...current, scope] : current.filter((existing) => existing !== scope),
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    // Checked as sent: the name trimmed; at least one scope ticked.
    const values = { name: name.trim(), scopes: scopes.length > 0 };
    if (!fieldErrors.check(values)) return;
    const input = {
      territoryId,
      name: values.name,
      structureId: structureId || null,
      scopes: SCOPES.map((scope) => scope.value).filter((value) => scopes.includes(value)),
    };
    let result;
    try {
      result = await create({ variables: { input } });
    } catch (caught: unknown) {
      if (!fieldErrors.refused(caught, values)) setError(caught); // Shown below the form.
      return;
    }
    const credentials = result.data?.createApiClient;
    if (credentials) {
      onCreated({
        kind: 'client',
        clientId: credentials.client.id,
        clientName: credentials.client.name,
        secret: credentials.clientSecret,
        intro: `Le client API « ${credentials.client.name} » est créé. Transmettez son identifiant et son secret au système partenaire par un canal sûr.`,
      });
    }
  };

  return (
    <section aria-labelledby="client-form-title" className="fr-mb-4w">
      <h2 id="client-form-title" tabIndex={-1} ref={heading}>
        Créer un client API
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {fieldErrors.summary}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Nom du client"
              hintText="Le système partenaire, par exemple : Logiciel RSA du département"
              {...fieldErrors.state('name')}
              nativeInputProps={{
                ...fieldErrors.native('name', name),
                value: name,
                onChange: (event) => setName(event.target.value),
                'aria-required': true,
                autoComplete: 'off',
              }}
            />
            {fieldErrors.counter('name', name)}
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Périmètre du client"
              hint="Tout le territoire, ou une seule de ses structures"
              {...fieldErrors.state('structureId')}
              nativeSelectProps={{
                ...fieldErrors.native('structureId'),
                value: structureId,
                onChange: (event) => setStructureId(event.target.value),
              }}
            >
              <option value="">Tout le territoire</option>
              {structures.map((structure) => (
                <option key={structure.id} value={structure.id}>
                  Structure : {structure.name}
                </option>
              ))}
            </Select>
          </div>
        </div>
        <Checkbox
          className="fr-mt-3w"
          id="client-scopes"
          legend="Autorisations accordées"
          hintText="N’accordez que ce dont le système partenaire a besoin."
          {...fieldErrors.state('scopes')}
          options={SCOPES.map((scope) => ({
            label: scope.label,
            hintText: scope.hint,
            nativeInputProps: {
              'aria-invalid': fieldErrors.native('scopes')['aria-invalid'],
              name: 'scopes',
              value: scope.value,
              checked: scopes.includes(scope.value),
              onChange: (event) => toggle(scope.value, event.target.checked),
            },
          }))}
        />
        <FormFooter
          error={error}
          labels={CLIENT_LABELS}
          submitLabel="Créer le client"
          onCancel={onCancel}
          busy={loading}
        />
      </form>
    </section>
  );
}

/** Sets, changes or removes a client's webhook; a first endpoint or a re-key shows the signing secret once. */
function WebhookForm({
  client,
  onCancel,
  onDone,
}: {
  client: ApiClient;
  onCancel: () => void;
  onDone: (text: string, secret?: ShownSecret) => void;
}) {
  const [url, setUrl] = useState(client.webhookUrl ?? '');
  const [setWebhook, setting] = useMutation(SET_WEBHOOK, { fetchPolicy: 'no-cache' });
  const [rotate, rotating] = useMutation(ROTATE_WEBHOOK_SECRET, { fetchPolicy: 'no-cache' });
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.SetApiClientWebhookArgs,
    labels: WEBHOOK_LABELS,
    idPrefix: 'webhook',
    hints: WEBHOOK_HINTS,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // A refused address is said under its field, not again below the form.
  const error = fieldErrors.errors.length ? undefined : (setting.error ?? rotating.error);
  const busy = setting.loading || rotating.loading;

  const secretOf = (webhookSecret: string | null | undefined, intro: string) =>
    webhookSecret
      ? {
          kind: 'webhook' as const,
          clientId: client.id,
          clientName: client.name,
          secret: webhookSecret,
          intro,
        }
      : undefined;

  const save = async (next: string | null) => {
    setting.reset();
    rotating.reset();
    let result;
    try {
      result = await setWebhook({ variables: { clientId: client.id, url: next } });
    } catch (caught: unknown) {
      fieldErrors.refused(caught, { url: next ?? '' });
      return;
    }
    const webhookSecret = result.data?.setApiClientWebhook.webhookSecret;
    onDone(
      next
        ? `Webhook du client « ${client.name} » enregistré : les événements seront envoyés à ${next}.`
        : `Webhook du client « ${client.name} » supprimé : plus aucun événement ne lui sera envoyé.`,
      secretOf(
        webhookSecret,
        `Webhook du client « ${client.name} » enregistré. Les envois sont signés avec ce secret : transmettez-le au système partenaire pour qu’il vérifie les signatures.`,
      ),
    );
  };

  const rekey = async () => {
    setting.reset();
    rotating.reset();
    fieldErrors.clear();
    let result;
    try {
      result = await rotate({ variables: { clientId: client.id } });
    } catch {
      return;
    }
    onDone(
      `Secret de signature du webhook de « ${client.name} » renouvelé.`,
      secretOf(
        result.data?.rotateApiClientWebhookSecret.webhookSecret,
        `Nouveau secret de signature du webhook de « ${client.name} » : les envois sont signés avec lui dès maintenant.`,
      ),
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked as sent, trimmed; an empty address removes the webhook.
    const values = { url: url.trim() };
    if (!fieldErrors.check(values)) return;
    void save(values.url || null);
  };

  return (
    <section aria-labelledby="webhook-form-title" className="fr-mb-4w">
      <h2 id="webhook-form-title" tabIndex={-1} ref={heading}>
        Webhook du client « {client.name} »
      </h2>
      <p>
        Relais envoie les événements du périmètre du client à cette adresse, signés avec un secret
        propre au webhook.
      </p>
      <form onSubmit={submit} noValidate>
        {fieldErrors.summary}
        <Input
          label="Adresse du webhook"
          hintText="Une adresse https://, par exemple https://partenaire.example/relais/evenements"
          {...fieldErrors.state('url')}
          nativeInputProps={{
            ...fieldErrors.native('url', url),
            type: 'url',
            value: url,
            onChange: (event) => setUrl(event.target.value),
            autoComplete: 'off',
          }}
        />
        {fieldErrors.counter('url', url)}
        <FormFooter
          error={error}
          conflict="Ce client n’a pas encore de webhook : enregistrez d’abord une adresse."
          labels={WEBHOOK_LABELS}
          actions={
            <div className="relais-actions fr-mt-2w">
              <Button type="submit" disabled={busy}>
                Enregistrer le webhook
              </Button>
              {client.webhookUrl && (
                <>
                  <Button priority="secondary" disabled={busy} onClick={() => void rekey()}>
                    Renouveler le secret du webhook
                  </Button>
                  <Button priority="tertiary" disabled={busy} onClick={() => void save(null)}>
                    Supprimer le webhook
                  </Button>
                </>
              )}
              <Button priority="tertiary" onClick={onCancel} disabled={busy}>
                Annuler
              </Button>
            </div>
          }
        />
      </form>
    </section>
  );
}
