import { useMutation, useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { FormActions } from '../components/FormActions';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, MutationError, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { useConfirmation } from './file/common';
import { JoinRequestDecision } from './JoinRequestDecision';
import { formatDate, ORIENTATION_LABELS, personName } from './labels';
import { ofName } from '../components/typography';
import { CountedText } from '../forms/CountedText';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';

const PAGE_SIZE = 20;

/** Its name is the one RealtimeProvider refetches when a notification arrives. */
const JOIN_REQUESTS_TO_DECIDE = graphql(`
  query JoinRequestsToDecide($first: Int!, $after: String) {
    joinRequestsToDecide(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          reason
          createdAt
          requesterName
          structureName
          person {
            id
            givenName
            familyName
            birthYear
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

const ORIENTATION_REQUESTS = graphql(`
  query OrientationRequestsToDecide($first: Int!, $after: String) {
    orientationRequests(first: $first, after: $after, status: PENDING) {
      edges {
        cursor
        node {
          id
          orientationType
          reason
          createdAt
          requestedBy {
            id
            name
          }
          requesterStructure {
            id
            name
          }
          person {
            id
            givenName
            familyName
            birthYear
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

const DECIDE_ORIENTATION = graphql(`
  mutation DecideOrientation($input: DecideOrientationInput!) {
    decideOrientation(input: $input) {
      id
      status
      handoverId
    }
  }
`);

const STRUCTURES = graphql(`
  query OrientationTargetStructures($territoryId: ID!) {
    structures(territoryId: $territoryId) {
      id
      name
    }
  }
`);

const DECISION_RULES = INPUT_RULES.DecideOrientationInput;

/** Accepting names the target structure; denying needs a reason (the API's rules, by decision). */
const ORIENTATION_DECISION = {
  accept: {
    rules: { targetStructureId: { required: true }, reason: DECISION_RULES.reason },
    labels: { targetStructureId: 'Structure d’accueil', reason: 'Commentaire' },
    hints: { targetStructureId: 'Choisissez la structure d’accueil.' },
  },
  deny: {
    rules: { reason: { ...DECISION_RULES.reason, required: true } },
    labels: { reason: 'Motif du refus' },
    hints: { reason: 'Indiquez le motif du refus.' },
  },
} as const;

type OrientationRequest = ResultOf<
  typeof ORIENTATION_REQUESTS
>['orientationRequests']['edges'][number]['node'];

/** Requests waiting for the user's decision: to join a team, and (orientation managers) orientations. */
export function JoinRequestsPage() {
  usePageTitle('Demandes à traiter');
  const { hasRole } = useMe();
  return (
    <>
      <h1>Demandes à traiter</h1>
      <JoinRequests />
      {hasRole('ORIENTATION_MANAGER') && <OrientationRequests />}
    </>
  );
}

function JoinRequests() {
  const [confirmation, confirm] = useConfirmation();
  const { data, error, loading, refetch, fetchMore } = useQuery(JOIN_REQUESTS_TO_DECIDE, {
    variables: { first: PAGE_SIZE },
  });
  const requests = error ? undefined : data?.joinRequestsToDecide;
  const reload = () => void refetch().catch(() => undefined);

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        joinRequestsToDecide: withMoreEdges(
          previous.joinRequestsToDecide,
          fetchMoreResult.joinRequestsToDecide,
        ),
      }),
    });

  return (
    <section aria-labelledby="rejoindre-titre" className="fr-mb-6w">
      <h2 id="rejoindre-titre">Demandes à rejoindre une équipe</h2>
      {confirmation}
      {error ? (
        <PageState error={error} retry={reload} />
      ) : !requests ? (
        <PageState loading={loading} loadingText="Chargement des demandes…" />
      ) : requests.edges.length === 0 ? (
        <EmptyState>Aucune demande à rejoindre une équipe n’attend votre décision.</EmptyState>
      ) : (
        <>
          <ul className="fr-raw-list">
            {requests.edges.map(({ node: request }) => {
              const name = personName(request.person);
              return (
                <li key={request.id} className="fr-card fr-p-3w fr-mb-2w">
                  <h3 className="fr-h5 fr-mb-1w">
                    {request.requesterName} ({request.structureName}) demande à suivre{' '}
                    {request.person.isMember ? (
                      <Link to={`/personnes/${request.person.id}`}>{name}</Link>
                    ) : (
                      name
                    )}
                  </h3>
                  <p className="fr-mb-1v">
                    {name}, naissance en {request.person.birthYear}
                  </p>
                  <p className="fr-mb-1v">Motif : {request.reason}</p>
                  <p className="fr-text--sm fr-mb-0">Demande du {formatDate(request.createdAt)}</p>
                  <JoinRequestDecision
                    requestId={request.id}
                    requesterName={request.requesterName}
                    onReload={reload}
                    onDecided={(message) => {
                      confirm(message);
                      reload();
                    }}
                  />
                </li>
              );
            })}
          </ul>
          <LoadMoreButton pageInfo={requests.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </section>
  );
}

function OrientationRequests() {
  const [confirmation, confirm] = useConfirmation();
  const { data, error, loading, refetch, fetchMore } = useQuery(ORIENTATION_REQUESTS, {
    variables: { first: PAGE_SIZE },
  });
  const requests = error ? undefined : data?.orientationRequests;
  const reload = () => void refetch().catch(() => undefined);

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        orientationRequests: withMoreEdges(
          previous.orientationRequests,
          fetchMoreResult.orientationRequests,
        ),
      }),
    });

  return (
    <section aria-labelledby="orientation-titre">
      <h2 id="orientation-titre">Demandes d’orientation</h2>
      {confirmation}
      {error ? (
        <PageState error={error} retry={reload} />
      ) : !requests ? (
        <PageState loading={loading} loadingText="Chargement des demandes d’orientation…" />
      ) : requests.edges.length === 0 ? (
        <EmptyState>Aucune demande d’orientation n’attend de décision.</EmptyState>
      ) : (
        <>
          <ul className="fr-raw-list">
            {requests.edges.map(({ node: request }) => (
              <li key={request.id} className="fr-card fr-p-3w fr-mb-2w">
                <h3 className="fr-h5 fr-mb-1w">
                  <Link to={`/personnes/${request.person.id}`}>{personName(request.person)}</Link>
                  {' : '}orientation {ORIENTATION_LABELS[request.orientationType].toLowerCase()}{' '}
                  demandée
                </h3>
                <p className="fr-mb-1v">
                  Par {request.requestedBy.name}
                  {request.requesterStructure && ` (${request.requesterStructure.name})`}, le{' '}
                  {formatDate(request.createdAt)}
                </p>
                <p className="fr-mb-1v">Motif : {request.reason}</p>
                <OrientationDecision
                  request={request}
                  onReload={reload}
                  onDecided={(message) => {
                    confirm(message);
                    reload();
                  }}
                />
              </li>
            ))}
          </ul>
          <LoadMoreButton pageInfo={requests.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </section>
  );
}

/** Accepting names the structure the person is handed over to; denying needs a reason. */
function OrientationDecision({
  request,
  onReload,
  onDecided,
}: {
  request: OrientationRequest;
  onReload: () => void;
  onDecided: (message: string) => void;
}) {
  const { me } = useMe();
  const territories = me.memberships
    .filter((m) => m.role === 'ORIENTATION_MANAGER')
    .map((m) => m.territory ?? null)
    .filter((t): t is NonNullable<typeof t> => t !== null)
    .filter((t, i, all) => all.findIndex((other) => other.id === t.id) === i);
  const [territoryId, setTerritoryId] = useState(territories[0]?.id ?? '');
  const [targetStructureId, setTargetStructureId] = useState('');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<'accept' | 'deny'>();
  const structures = useQuery(STRUCTURES, {
    variables: { territoryId },
    skip: !territoryId || decision !== 'accept',
    fetchPolicy: 'cache-first',
  });
  const [decide, { error, loading, reset }] = useMutation(DECIDE_ORIENTATION);
  const fieldErrors = useFieldErrors({
    ...ORIENTATION_DECISION[decision ?? 'deny'],
    idPrefix: `orientation-${request.id}`,
  });
  const name = personName(request.person);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const accept = decision === 'accept';
    const values = accept ? { targetStructureId, reason } : { reason };
    if (!fieldErrors.check(values)) return;
    try {
      await decide({
        variables: {
          input: {
            requestId: request.id,
            accept,
            ...(accept ? { targetStructureId } : {}),
            reason: reason.trim() || null,
          },
        },
      });
      onDecided(
        accept
          ? `Orientation ${ofName(name)} acceptée : le passage de relais est proposé à la structure choisie.`
          : `Orientation ${ofName(name)} refusée.`,
      );
    } catch (failure) {
      // Under its field, or else said by MutationError.
      fieldErrors.refused(failure, values);
    }
  }

  if (!decision) {
    return (
      <div className="relais-actions fr-mt-2w">
        <Button size="small" onClick={() => setDecision('accept')}>
          Accepter<span className="fr-sr-only"> l’orientation {ofName(name)}</span>
        </Button>
        <Button size="small" priority="secondary" onClick={() => setDecision('deny')}>
          Refuser<span className="fr-sr-only"> l’orientation {ofName(name)}</span>
        </Button>
      </div>
    );
  }

  return (
    <form
      onSubmit={(e) => void submit(e)}
      className="fr-mt-2w"
      aria-label={`${decision === 'accept' ? 'Accepter' : 'Refuser'} l’orientation ${ofName(name)}`}
      noValidate
    >
      {fieldErrors.summary}
      <MutationError
        error={fieldErrors.errors.length ? undefined : error}
        labels={ORIENTATION_DECISION[decision].labels}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      {decision === 'accept' && (
        <>
          {territories.length > 1 && (
            <Select
              label="Département"
              nativeSelectProps={{
                value: territoryId,
                onChange: (e) => {
                  setTerritoryId(e.target.value);
                  setTargetStructureId('');
                },
              }}
            >
              {territories.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.code})
                </option>
              ))}
            </Select>
          )}
          <Select
            label="Structure d’accueil (obligatoire)"
            hint="Le passage de relais lui sera proposé."
            {...fieldErrors.state('targetStructureId')}
            nativeSelectProps={{
              ...fieldErrors.native('targetStructureId'),
              'aria-required': true,
              value: targetStructureId,
              onChange: (e) => setTargetStructureId(e.target.value),
            }}
          >
            <option value="" disabled>
              {structures.loading ? 'Chargement des structures…' : 'Choisir une structure'}
            </option>
            {(structures.data?.structures ?? [])
              .filter((s) => s.id !== request.requesterStructure?.id)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
          </Select>
        </>
      )}
      <CountedText
        label={decision === 'deny' ? 'Motif du refus (obligatoire)' : 'Commentaire (facultatif)'}
        textArea
        field="reason"
        value={reason}
        onChange={setReason}
        fieldErrors={fieldErrors}
      />
      <FormActions
        submitLabel={decision === 'accept' ? 'Confirmer l’orientation' : 'Confirmer le refus'}
        onCancel={() => {
          reset();
          fieldErrors.clear();
          setDecision(undefined);
        }}
        disabled={loading}
        size="small"
      />
    </form>
  );
}
