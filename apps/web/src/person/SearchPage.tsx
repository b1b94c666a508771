import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isConflict, reasonOf } from '../api/errors';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { FormActions } from '../components/FormActions';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, MutationError, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { PERSON_STATUS_LABELS, personName } from './labels';
import { ofName } from '../components/typography';
import { useFieldErrors } from '../forms/useFieldErrors';
import { CountedText } from '../forms/CountedText';
import { INPUT_RULES } from '../forms/field-check';

const PAGE_SIZE = 20;

const SEARCH_PEOPLE = graphql(`
  query SearchPeople($query: String!, $first: Int!, $after: String) {
    searchPeople(query: $query, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          givenName
          familyName
          birthYear
          status
          isMember
          referentStructure {
            id
            name
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

const REQUEST_TO_JOIN = graphql(`
  mutation RequestToJoinTeam($input: RequestToJoinTeamInput!) {
    requestToJoinTeam(input: $input) {
      id
      status
      structureName
    }
  }
`);

const CANCEL_JOIN_REQUEST = graphql(`
  mutation CancelJoinRequest($requestId: String!) {
    cancelJoinRequest(requestId: $requestId) {
      id
      status
    }
  }
`);

type Summary = ResultOf<typeof SEARCH_PEOPLE>['searchPeople']['edges'][number]['node'];

/** The API's reasons (`extensions.reason`) for refusing a request to join, said in French. */
const JOIN_CONFLICTS: Readonly<Record<string, string>> = {
  JOIN_ALREADY_REQUESTED:
    'Vous avez déjà demandé à rejoindre cette équipe : votre demande est en attente.',
  ALREADY_IN_TEAM: 'Vous faites déjà partie de cette équipe.',
  FILE_READ_ONLY:
    'Ce dossier est en lecture seule (archivé ou traitement limité) : personne ne peut rejoindre son équipe.',
};

function joinConflictText(error: unknown): string | undefined {
  if (!isConflict(error)) return undefined;
  return (
    JOIN_CONFLICTS[reasonOf(error) ?? ''] ??
    'Cette demande n’est plus possible : rechargez la recherche.'
  );
}

/**
 * Search of the territory: the minimal view of each person (name, birth year, referent
 * structure). A file opens only to its team; others may ask to join it.
 */
export function SearchPage() {
  usePageTitle('Rechercher une personne');
  const [params, setParams] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const [text, setText] = useState(query);
  // The field follows the address when it changes elsewhere (a link, the history).
  const [shownQuery, setShownQuery] = useState(query);
  if (query !== shownQuery) {
    setShownQuery(query);
    setText(query);
  }
  const { data, error, loading, refetch, fetchMore } = useQuery(SEARCH_PEOPLE, {
    variables: { query, first: PAGE_SIZE },
    skip: query === '',
  });
  const results = error || query === '' ? undefined : data?.searchPeople;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = text.trim();
    setParams(next ? { q: next } : {});
  }

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        searchPeople: withMoreEdges(previous.searchPeople, fetchMoreResult.searchPeople),
      }),
    });

  return (
    <>
      <h1>Rechercher une personne</h1>
      <p>
        Vous voyez de chaque personne de votre département son nom, son année de naissance et la
        structure de son référent. Son dossier ne s’ouvre qu’à son équipe de suivi : pour
        l’accompagner, demandez à la rejoindre.
      </p>
      <form onSubmit={submit} role="search" className="fr-mb-4w" noValidate>
        <Input
          label="Nom, numéro CAF ou identifiant France Travail"
          hintText="Les fautes de frappe dans le nom sont tolérées."
          nativeInputProps={{
            type: 'search',
            name: 'q',
            required: true,
            value: text,
            onChange: (e) => setText(e.target.value),
          }}
          addon={
            <Button type="submit" iconId="fr-icon-search-line">
              Rechercher
            </Button>
          }
        />
      </form>

      {query !== '' && (
        <section aria-labelledby="resultats-titre">
          <h2 id="resultats-titre">Résultats pour « {query} »</h2>
          {error ? (
            <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
          ) : !results ? (
            <PageState loading={loading} loadingText="Recherche en cours…" />
          ) : results.edges.length === 0 ? (
            <EmptyState>
              Personne ne correspond à « {query} » dans vos départements. Vérifiez l’orthographe ou
              cherchez par numéro CAF ou identifiant France Travail.
            </EmptyState>
          ) : (
            <>
              <ul className="fr-raw-list">
                {results.edges.map(({ node }) => (
                  <li key={node.id} className="fr-card fr-p-3w fr-mb-2w">
                    <SearchResult person={node} />
                  </li>
                ))}
              </ul>
              <LoadMoreButton
                pageInfo={results.pageInfo}
                onMore={more}
                loadingLabel="Chargement…"
              />
            </>
          )}
        </section>
      )}
    </>
  );
}

function SearchResult({ person }: { person: Summary }) {
  const { hasRole } = useMe();
  const name = personName(person);
  return (
    <>
      <div className="relais-actions fr-mb-1w">
        <h3 className="fr-h5 fr-mb-0">
          {person.isMember ? <Link to={`/personnes/${person.id}`}>{name}</Link> : name}
        </h3>
        {person.isMember && (
          <Badge severity="success" small as="span">
            Vous suivez cette personne
          </Badge>
        )}
        {person.status === 'ARCHIVED' && (
          <Badge small as="span">
            {PERSON_STATUS_LABELS.ARCHIVED}
          </Badge>
        )}
      </div>
      <p className="fr-mb-1w">
        Naissance en {person.birthYear} · Référent :{' '}
        {person.referentStructure ? person.referentStructure.name : 'aucune structure'}
      </p>
      {person.isMember ? (
        <p className="fr-mb-0">
          <Link
            to={`/personnes/${person.id}`}
            className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
          >
            Ouvrir le dossier<span className="fr-sr-only"> {ofName(name)}</span>
          </Link>
        </p>
      ) : (
        hasRole('PROFESSIONAL') &&
        person.status === 'ACTIVE' && <JoinRequestForm personId={person.id} name={name} />
      )}
    </>
  );
}

const JOIN_LABELS = { reason: 'Motif de la demande', structureId: 'Structure' };

/** Asking to join the team of a person one does not follow, with a reason. */
function JoinRequestForm({ personId, name }: { personId: string; name: string }) {
  const { me } = useMe();
  const structures = me.memberships
    .filter((m) => m.role === 'PROFESSIONAL' && m.structure)
    .map((m) => ({ id: m.structure?.id ?? '', name: m.structure?.name ?? '' }));
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [structureId, setStructureId] = useState(structures[0]?.id ?? '');
  const [request, { data, error, loading, reset }] = useMutation(REQUEST_TO_JOIN);
  const [cancel, cancelled] = useMutation(CANCEL_JOIN_REQUEST);
  const sent = data?.requestToJoinTeam;
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.RequestToJoinTeamInput,
    labels: JOIN_LABELS,
    idPrefix: `rejoindre-${personId}`,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check({ reason })) return;
    try {
      await request({
        variables: {
          input: {
            personId,
            reason: reason.trim(),
            ...(structures.length > 1 ? { structureId } : {}),
          },
        },
      });
    } catch (failure) {
      // Under its field, or else said below.
      fieldErrors.refused(failure, { reason });
    }
  }

  if (sent && cancelled.data) {
    return (
      <Alert
        severity="info"
        small
        role="status"
        description={`Votre demande à rejoindre l’équipe ${ofName(name)} est retirée.`}
      />
    );
  }
  if (sent) {
    return (
      <div>
        <Alert
          severity="success"
          small
          role="status"
          className="fr-mb-2w"
          description={`Demande envoyée. La personne référente ${ofName(name)} (ou, à défaut, une personne chargée d’orientation) l’acceptera ou la refusera ; une notification vous dira sa décision.`}
        />
        <MutationError error={cancelled.error} />
        <Button
          size="small"
          priority="tertiary"
          disabled={cancelled.loading}
          onClick={() => void cancel({ variables: { requestId: sent.id } }).catch(() => undefined)}
        >
          Retirer ma demande<span className="fr-sr-only"> pour {name}</span>
        </Button>
      </div>
    );
  }
  if (!open) {
    return (
      <Button size="small" priority="secondary" onClick={() => setOpen(true)}>
        Demander à rejoindre l’équipe<span className="fr-sr-only"> {ofName(name)}</span>
      </Button>
    );
  }

  const conflict = joinConflictText(error);
  return (
    <form
      onSubmit={(e) => void submit(e)}
      aria-label={`Demander à rejoindre l’équipe ${ofName(name)}`}
      noValidate
    >
      {fieldErrors.summary}
      {conflict ? (
        <Alert severity="warning" small className="fr-mb-2w" description={conflict} />
      ) : (
        <MutationError error={fieldErrors.errors.length ? undefined : error} labels={JOIN_LABELS} />
      )}
      {structures.length > 1 && (
        <Select
          label="Structure pour laquelle vous suivriez la personne"
          nativeSelectProps={{
            value: structureId,
            onChange: (e) => setStructureId(e.target.value),
          }}
        >
          {structures.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      )}
      <CountedText
        label="Motif de la demande (obligatoire)"
        hintText="Pourquoi vous devez suivre cette personne : le référent en décidera."
        textArea
        field="reason"
        value={reason}
        onChange={setReason}
        fieldErrors={fieldErrors}
      />
      <FormActions
        submitLabel="Envoyer la demande"
        onCancel={() => {
          reset();
          setOpen(false);
        }}
        disabled={loading}
        size="small"
      />
    </form>
  );
}
