import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { graphql, type VariablesOf } from '../api/graphql';
import { useMe } from '../app/me';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { CreatePersonForm } from './CreatePersonForm';
import {
  formatDate,
  formatDateTime,
  keysOf,
  ORIENTATION_LABELS,
  type OrientationType,
  personName,
  TEAM_ROLE_LABELS,
  type TeamRole,
} from './labels';

const PAGE_SIZE = 20;

/** Its name is the one RealtimeProvider refetches when a notification arrives. */
const CASELOAD = graphql(`
  query Caseload($first: Int!, $after: String, $filter: CaseloadFilterInput) {
    caseload(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          myRole
          referentName
          orientationType
          nextAppointmentAt
          openGoals
          lastActivityAt
          person {
            id
            givenName
            familyName
            birthYear
            status
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

type Filter = NonNullable<VariablesOf<typeof CASELOAD>['filter']>;

interface FilterForm {
  text: string;
  myRole: TeamRole | '';
  orientationType: OrientationType | '';
  openHandover: '' | 'true' | 'false';
}

const NO_FILTER: FilterForm = { text: '', myRole: '', orientationType: '', openHandover: '' };

function toFilter(form: FilterForm): Filter | undefined {
  const filter: Filter = {
    ...(form.text.trim() ? { text: form.text.trim() } : {}),
    ...(form.myRole ? { myRole: form.myRole } : {}),
    ...(form.orientationType ? { orientationType: form.orientationType } : {}),
    ...(form.openHandover ? { openHandover: form.openHandover === 'true' } : {}),
  };
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/** The people whose team the caseworker is in, most recent activity first. */
export function CaseloadPage() {
  usePageTitle('Mes accompagnements');
  const { hasRole } = useMe();
  const location = useLocation();
  const flash = (location.state as { message?: string } | null)?.message;
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [applied, setApplied] = useState<FilterForm>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const filter = toFilter(applied);
  const { data, error, loading, refetch, fetchMore } = useQuery(CASELOAD, {
    variables: { first: PAGE_SIZE, filter },
  });
  const caseload = error ? undefined : data?.caseload;
  const filtered = filter !== undefined;

  function apply(event: FormEvent) {
    event.preventDefault();
    setApplied(form);
  }

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        caseload: withMoreEdges(previous.caseload, fetchMoreResult.caseload),
      }),
    });

  return (
    <>
      <div className="relais-actions fr-mb-3w" style={{ justifyContent: 'space-between' }}>
        <h1 className="fr-mb-0">Mes accompagnements</h1>
        {hasRole('PROFESSIONAL') && !creating && (
          <Button iconId="fr-icon-add-line" onClick={() => setCreating(true)}>
            Créer un dossier
          </Button>
        )}
      </div>
      {flash && (
        <Alert severity="success" small className="fr-mb-3w" description={flash} role="status" />
      )}
      {creating && <CreatePersonForm onClose={() => setCreating(false)} />}

      <form onSubmit={apply} className="fr-mb-3w" aria-labelledby="filtres-titre">
        <h2 id="filtres-titre" className="fr-h6 fr-mb-1w">
          Filtrer mes accompagnements
        </h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <Input
              label="Nom ou prénom"
              nativeInputProps={{
                type: 'search',
                value: form.text,
                onChange: (e) => setForm((f) => ({ ...f, text: e.target.value })),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <Select
              label="Mon rôle"
              nativeSelectProps={{
                value: form.myRole,
                onChange: (e) =>
                  setForm((f) => ({ ...f, myRole: e.target.value as TeamRole | '' })),
              }}
            >
              <option value="">Tous</option>
              {keysOf(TEAM_ROLE_LABELS).map((role) => (
                <option key={role} value={role}>
                  {TEAM_ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <Select
              label="Orientation"
              nativeSelectProps={{
                value: form.orientationType,
                onChange: (e) =>
                  setForm((f) => ({
                    ...f,
                    orientationType: e.target.value as OrientationType | '',
                  })),
              }}
            >
              <option value="">Toutes</option>
              {keysOf(ORIENTATION_LABELS).map((type) => (
                <option key={type} value={type}>
                  {ORIENTATION_LABELS[type]}
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
            <Select
              label="Passage de relais"
              nativeSelectProps={{
                value: form.openHandover,
                onChange: (e) =>
                  setForm((f) => ({
                    ...f,
                    openHandover: e.target.value as FilterForm['openHandover'],
                  })),
              }}
            >
              <option value="">Tous</option>
              <option value="true">Passage de relais en cours</option>
              <option value="false">Sans passage de relais en cours</option>
            </Select>
          </div>
        </div>
        <div className="relais-actions fr-mt-2w">
          <Button type="submit" priority="secondary" iconId="fr-icon-filter-line">
            Filtrer
          </Button>
          {filtered && (
            <Button
              type="button"
              priority="tertiary"
              onClick={() => {
                setForm(NO_FILTER);
                setApplied(NO_FILTER);
              }}
            >
              Effacer les filtres
            </Button>
          )}
        </div>
      </form>

      {error ? (
        <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
      ) : !caseload ? (
        <PageState loading={loading} loadingText="Chargement de vos accompagnements…" />
      ) : caseload.edges.length === 0 ? (
        <EmptyState>
          {filtered
            ? 'Aucune personne de vos accompagnements ne correspond à ces filtres.'
            : 'Vous ne suivez encore personne. Cherchez une personne pour demander à rejoindre son équipe, ou créez son dossier.'}
        </EmptyState>
      ) : (
        <>
          <div className="fr-table relais-table-wrap">
            <table tabIndex={0}>
              <caption>
                Personnes accompagnées, de l’activité la plus récente à la plus ancienne
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Année de naissance</th>
                  <th scope="col">Mon rôle</th>
                  <th scope="col">Référent unique</th>
                  <th scope="col">Orientation</th>
                  <th scope="col">Prochain rendez-vous</th>
                  <th scope="col">Objectifs en cours</th>
                  <th scope="col">Dernière activité</th>
                </tr>
              </thead>
              <tbody>
                {caseload.edges.map(({ node: entry }) => (
                  <tr key={entry.person.id}>
                    <td>
                      <Link to={`/personnes/${entry.person.id}`}>{personName(entry.person)}</Link>
                    </td>
                    <td>{entry.person.birthYear}</td>
                    <td>{TEAM_ROLE_LABELS[entry.myRole]}</td>
                    <td>{entry.referentName ?? 'Aucun'}</td>
                    <td>
                      {entry.orientationType ? ORIENTATION_LABELS[entry.orientationType] : '—'}
                    </td>
                    <td>
                      {entry.nextAppointmentAt ? formatDateTime(entry.nextAppointmentAt) : 'Aucun'}
                    </td>
                    <td>{entry.openGoals}</td>
                    <td>{formatDate(entry.lastActivityAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreButton pageInfo={caseload.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </>
  );
}
