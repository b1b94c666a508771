import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { EmptyState, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { AccessLogDays } from '../person/file/AccessLogSection';
import { ofName } from '../components/typography';

const ACCESS_LOG_PEOPLE = graphql(`
  query AccessLogPeople($query: String!) {
    accessLogPeople(query: $query) {
      id
      givenName
      familyName
      territoryName
    }
  }
`);

const TITLE = 'Journal des accès par personne';

/** The person chosen, named by the finder (their id is a query it answers too). */
function PersonLog({ personId }: { personId: string }) {
  const { data, error, loading, refetch } = useQuery(ACCESS_LOG_PEOPLE, {
    variables: { query: personId },
  });
  if (error || !data) {
    return <PageState error={error} loading={loading} retry={() => void refetch()} />;
  }
  const person = data.accessLogPeople[0];
  if (!person) {
    return <EmptyState>Aucune personne de votre territoire n’a cet identifiant.</EmptyState>;
  }
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <section aria-labelledby="journal-personne-titre">
      <h2 id="journal-personne-titre">Consultations du dossier {ofName(name)}</h2>
      <p className="fr-text--sm">
        {person.territoryName} — identifiant {person.id}. Votre consultation de ce journal est
        enregistrée dans le journal d’administration.
      </p>
      <AccessLogDays personId={person.id} />
    </section>
  );
}

/**
 * For the territory admins (the DPO's contact): find a person of the territory by name or id,
 * then see who read their file, grouped by reader and day. Other roles are refused.
 */
export function AccessLogByPersonPage() {
  usePageTitle(TITLE);
  const { hasRole } = useMe();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const personId = params.get('personne') ?? '';
  const [text, setText] = useState(query);
  const allowed = hasRole('TERRITORY_ADMIN');
  const { data, error, loading, refetch } = useQuery(ACCESS_LOG_PEOPLE, {
    variables: { query },
    skip: !allowed || query === '',
  });

  if (!allowed) {
    return (
      <>
        <h1>{TITLE}</h1>
        <Alert
          severity="error"
          as="h2"
          title="Accès refusé"
          description="Cette page est réservée aux administrateurs et administratrices de territoire, à qui le délégué à la protection des données s’adresse."
        />
      </>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = text.trim();
    setParams(next ? { q: next } : {});
  }

  const results = error || query === '' ? undefined : data?.accessLogPeople;
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Retrouvez une personne de votre territoire pour savoir qui a consulté son dossier, quand et
        à quel titre (par exemple pour répondre à une demande d’accès au titre du RGPD).
      </p>
      <form onSubmit={submit} role="search" className="fr-mb-4w" noValidate>
        <Input
          label="Nom ou identifiant de la personne"
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
      {query !== '' && !personId && (
        <section aria-labelledby="personnes-titre">
          <h2 id="personnes-titre">Personnes trouvées pour « {query} »</h2>
          {error ? (
            <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
          ) : !results ? (
            <PageState loading={loading} loadingText="Recherche en cours…" />
          ) : results.length === 0 ? (
            <EmptyState>Personne de votre territoire ne correspond à « {query} ».</EmptyState>
          ) : (
            <ul className="fr-raw-list">
              {results.map((person) => (
                <li key={person.id} className="fr-mb-1w">
                  <Link
                    className="fr-link"
                    to={`?${new URLSearchParams({ q: query, personne: person.id }).toString()}`}
                  >
                    {person.givenName} {person.familyName}
                  </Link>{' '}
                  <span className="fr-text--sm">({person.territoryName})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {personId && (
        <>
          {query && (
            <p>
              <Link
                className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
                to={`?q=${encodeURIComponent(query)}`}
              >
                Retour aux personnes trouvées
              </Link>
            </p>
          )}
          <PersonLog personId={personId} />
        </>
      )}
    </>
  );
}
