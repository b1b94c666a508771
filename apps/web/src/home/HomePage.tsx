import { CombinedGraphQLErrors } from '@apollo/client';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { useMe } from '../app/me';
import { PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { useRealtime } from '../realtime/RealtimeProvider';
import { NextSteps } from './NextSteps';
import { SECTIONS, type SectionSpec } from './sections';
import {
  useMyWorkOnScreen,
  type WorkItem,
  type WorkSection,
  type WorkSectionName,
} from './work-queue';

/** Whether the server said this section failed (its field is null with an error at its path). */
function sectionFailed(error: unknown, name: WorkSectionName): boolean {
  if (!CombinedGraphQLErrors.is(error)) return Boolean(error);
  return error.errors.some((problem) => problem.path?.[1] === name || problem.path?.length === 1);
}

function ItemLine({ item, spec }: { item: WorkItem; spec: SectionSpec }) {
  if (item.redacted || !item.person) {
    return <li className="fr-mb-1w">Un élément que vous ne pouvez pas consulter</li>;
  }
  const who = `${item.person.givenName} ${item.person.familyName}`;
  return (
    <li className="fr-mb-1w">
      <Link to={spec.itemLink(item)}>{who}</Link>
      <span className="fr-text--sm fr-mb-0 relais-home__detail"> — {spec.describe(item)}</span>
      {spec.urgent?.(item) && (
        <>
          {' '}
          <Badge severity="error" small>
            En retard
          </Badge>
        </>
      )}
    </li>
  );
}

function SectionCard({
  spec,
  section,
  failed,
  loading,
  retry,
}: {
  spec: SectionSpec;
  section: WorkSection | null | undefined;
  failed: boolean;
  loading: boolean;
  retry: () => void;
}) {
  const headingId = `a-traiter-${spec.name}`;
  const count = section?.count ?? 0;
  let body;
  if (failed) {
    body = (
      <Alert
        severity="error"
        small
        description={
          <>
            Cette section n’a pas pu être chargée.{' '}
            <Button priority="tertiary" size="small" onClick={retry}>
              Réessayer
            </Button>
          </>
        }
      />
    );
  } else if (!section) {
    body = loading ? <p role="status">Chargement…</p> : null;
  } else if (count === 0) {
    body = <p className="fr-mb-0">{spec.empty}</p>;
  } else {
    const hidden = count - section.items.length;
    body = (
      <>
        <ul className="fr-mb-1w">
          {section.items.map((item) => (
            <ItemLine key={item.id} item={item} spec={spec} />
          ))}
        </ul>
        {hidden > 0 && (
          <p className="fr-text--sm fr-mb-1w">
            et {hidden} autre{hidden > 1 ? 's' : ''}
          </p>
        )}
      </>
    );
  }
  return (
    <section
      className="fr-col-12 fr-col-md-6"
      aria-labelledby={headingId}
      data-testid={`section-${spec.name}`}
    >
      <div className="fr-card fr-card--no-arrow fr-p-3w relais-home__card">
        <h2 id={headingId} className="fr-h5 fr-mb-2w">
          {spec.title}{' '}
          <Badge
            small
            noIcon
            severity={count > 0 ? 'new' : undefined}
            data-testid={`count-${spec.name}`}
          >
            {String(count)}
          </Badge>
        </h2>
        {body}
        {spec.allLink && !failed && (
          <p className="fr-mb-0 fr-mt-1w">
            <Link
              className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
              to={spec.allLink.to}
            >
              {spec.allLink.text}
            </Link>
          </p>
        )}
      </div>
    </section>
  );
}

/** The home, "À traiter": what waits on the signed-in account, section by section. */
export function HomePage() {
  usePageTitle('À traiter');
  const { me } = useMe();
  const { unreadCount } = useRealtime();
  const { data, error, loading, refetch } = useMyWorkOnScreen();
  const work = data?.myWork;
  const retry = () => void refetch();

  if (!work && error && !CombinedGraphQLErrors.is(error)) {
    return (
      <>
        <h1>À traiter</h1>
        <PageState error={error} retry={retry} />
      </>
    );
  }
  // A section is shown when it is the account's work, or when it failed (to say so).
  const shown = SECTIONS.filter(
    (spec) => work?.[spec.name] || (error && sectionFailed(error, spec.name)),
  );
  const total = shown.reduce((sum, spec) => sum + (work?.[spec.name]?.count ?? 0), 0);
  const nothing = Boolean(work) && !error && total === 0;

  return (
    <>
      <h1>À traiter</h1>
      <p className="fr-text--lead" role="status" aria-live="polite">
        {!work
          ? 'Chargement de ce qui vous attend…'
          : nothing
            ? `Bonjour ${me.givenName}, rien ne vous attend pour le moment.`
            : `Bonjour ${me.givenName}, voici ce qui vous attend.`}
      </p>
      {!work && loading && <PageState loading loadingText="Chargement…" />}
      {work && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
          {shown.map((spec) => (
            <SectionCard
              key={spec.name}
              spec={spec}
              section={work[spec.name]}
              failed={Boolean(error) && sectionFailed(error, spec.name)}
              loading={loading}
              retry={retry}
            />
          ))}
          <section
            className="fr-col-12 fr-col-md-6"
            aria-labelledby="a-traiter-notifications"
            data-testid="section-notifications"
          >
            <div className="fr-card fr-card--no-arrow fr-p-3w relais-home__card">
              <h2 id="a-traiter-notifications" className="fr-h5 fr-mb-2w">
                Notifications non lues{' '}
                {unreadCount === undefined ? null : (
                  <Badge small noIcon severity={unreadCount > 0 ? 'new' : undefined}>
                    {String(unreadCount)}
                  </Badge>
                )}
              </h2>
              <p className="fr-mb-1w">
                {unreadCount === undefined
                  ? 'Chargement…'
                  : unreadCount === 0
                    ? 'Vous avez tout lu.'
                    : `${unreadCount} notification${unreadCount > 1 ? 's' : ''} à lire.`}
              </p>
              <p className="fr-mb-0">
                <Link
                  className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
                  to="/notifications"
                >
                  Voir les notifications
                </Link>
              </p>
            </div>
          </section>
        </div>
      )}
      {nothing && <NextSteps />}
    </>
  );
}
