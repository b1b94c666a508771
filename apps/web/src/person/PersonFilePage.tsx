import { useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useCallback } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isForbidden } from '../api/errors';
import { PageState } from '../components/PageState';
import { useMe } from '../app/me';
import { usePageTitle } from '../components/usePageTitle';
import { ProposeHandoverButton } from '../handovers/ProposeHandover';
import { AccessLogSection } from './file/AccessLogSection';
import { AppointmentsSection } from './file/AppointmentsSection';
import { DiagnosticSection } from './file/DiagnosticSection';
import { IdentitySection } from './file/IdentitySection';
import { NotesSection } from './file/NotesSection';
import { PlanSection } from './file/PlanSection';
import { ProjectSection } from './file/ProjectSection';
import { PERSON_FILE, type PersonFile } from './file/query';
import { TeamSection } from './file/TeamSection';
import { TimelineSection } from './file/TimelineSection';
import { formatDate, ORIENTATION_LABELS, PERSON_STATUS_LABELS, personName } from './labels';

/** The tabs of the file, each at its own address (`/personnes/:id/<tab>`). */
const TABS = [
  { tabId: 'identite', label: 'Identité et droits' },
  { tabId: 'equipe', label: 'Équipe' },
  { tabId: 'diagnostic', label: 'Diagnostic' },
  { tabId: 'projet', label: 'Projet professionnel' },
  { tabId: 'plan', label: 'Plan d’action' },
  { tabId: 'rendez-vous', label: 'Rendez-vous' },
  { tabId: 'notes', label: 'Notes' },
  { tabId: 'historique', label: 'Historique' },
  { tabId: 'journal', label: 'Journal des accès' },
] as const;

type TabId = (typeof TABS)[number]['tabId'];

/**
 * The person's file. Access is checked on every read: when the API refuses it (never given, or
 * withdrawn while the page is open and the realtime channel refetches), only the refusal shows,
 * whatever Apollo still holds.
 */
export function PersonFilePage() {
  const { personId = '', '*': rest = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(PERSON_FILE, {
    variables: { id: personId },
    // Straight from the API: access may have changed since the last read.
    fetchPolicy: 'network-only',
    nextFetchPolicy: 'cache-first',
  });
  const reload = useCallback(() => refetch().catch(() => undefined), [refetch]);
  const person = !error && data ? data.person : undefined;
  usePageTitle(
    error && isForbidden(error)
      ? 'Accès refusé'
      : person
        ? personName(person)
        : 'Dossier de parcours',
  );

  if (error) {
    if (isForbidden(error)) return <AccessDenied />;
    return (
      <>
        <h1>Dossier de parcours</h1>
        <PageState error={error} retry={() => void reload()} />
      </>
    );
  }
  if (!person) {
    return (
      <>
        <h1>Dossier de parcours</h1>
        <PageState loading={loading} loadingText="Chargement du dossier…" />
      </>
    );
  }
  const tab = (rest.split('/')[0] || 'identite') as TabId;
  return <FileView key={person.id} person={person} tab={tab} reload={reload} />;
}

/** The only thing shown of a file one may not open. */
function AccessDenied() {
  return (
    <div className="fr-my-4w">
      <h1>Accès refusé</h1>
      <p className="fr-text--lead">Vous n’avez pas accès à ce dossier.</p>
      <p>
        Il ne vous a jamais été ouvert, ou votre accès a pris fin (départ de l’équipe, passage de
        relais, rattachement retiré). Pour suivre cette personne, demandez à rejoindre son équipe
        depuis la recherche.
      </p>
      <Link to="/accompagnements" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
        Mes accompagnements
      </Link>
    </div>
  );
}

function readOnlyReason(person: PersonFile): string {
  if (person.status === 'ARCHIVED') {
    return 'Ce dossier est archivé faute d’activité depuis 24 mois : il se consulte sans modification.';
  }
  if (person.restricted) {
    return 'La personne a demandé la limitation du traitement de ses données (RGPD) : le dossier est en lecture seule.';
  }
  switch (person.access.ground) {
    case 'FORMER_REFERENT':
      return 'Vous avez été le référent de cette personne : après le passage de relais, vous consultez son dossier en lecture seule pendant 30 jours.';
    case 'ORIENTATION_MANAGER':
      return 'En tant que chargé(e) d’orientation, vous consultez ce dossier en lecture seule ; chaque consultation est inscrite au journal des accès.';
    default:
      return 'Vous consultez ce dossier en lecture seule.';
  }
}

function FileView({
  person,
  tab,
  reload,
}: {
  person: PersonFile;
  tab: TabId;
  reload: () => Promise<unknown>;
}) {
  const navigate = useNavigate();
  const { me } = useMe();
  const referent = person.team.find((m) => m.role === 'REFERENT' && !m.leftAt);
  const showAccessLog = person.access.teamRole === 'REFERENT';
  const tabs = TABS.filter((t) => t.tabId !== 'journal' || showAccessLog);
  const selected = tabs.some((t) => t.tabId === tab) ? tab : 'identite';
  const props = { person, reload };

  return (
    <>
      <div className="fr-mb-3w">
        <p className="fr-mb-1w">
          <Link
            to="/accompagnements"
            className="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          >
            Mes accompagnements
          </Link>
        </p>
        <div className="relais-actions fr-mb-1w">
          <h1 className="fr-mb-0">{personName(person)}</h1>
          <Badge severity={person.status === 'ACTIVE' ? 'success' : 'info'} small>
            {PERSON_STATUS_LABELS[person.status]}
          </Badge>
          {person.restricted && (
            <Badge severity="warning" small>
              Traitement limité (RGPD)
            </Badge>
          )}
          {person.objection && (
            <Badge severity="warning" small>
              Opposition au partage (RGPD)
            </Badge>
          )}
        </div>
        <p className="fr-mb-1w">
          Né(e) le {formatDate(person.birthDate)}
          {' · '}
          Référent unique :{' '}
          {referent
            ? `${referent.givenName} ${referent.familyName} (${referent.structureName})`
            : 'aucun'}
          {person.orientationType && (
            <>
              {' · '}Orientation {ORIENTATION_LABELS[person.orientationType].toLowerCase()}
            </>
          )}
        </p>
        {/* The API lets the referent or an orientation manager of the territory propose. */}
        {((person.access.canWrite && person.access.teamRole === 'REFERENT') ||
          me.memberships.some(
            (m) =>
              m.role === 'ORIENTATION_MANAGER' &&
              (m.structure?.territoryId ?? m.territory?.id) === person.territoryId,
          )) && (
          <div className="relais-actions">
            <ProposeHandoverButton personId={person.id} version={person.version} />
          </div>
        )}
      </div>
      {!person.access.canWrite && (
        <Notice className="fr-mb-3w" title="Lecture seule" description={readOnlyReason(person)} />
      )}
      <Tabs
        label="Parties du dossier"
        tabs={tabs.map((t) => ({ tabId: t.tabId, label: t.label }))}
        selectedTabId={selected}
        onTabChange={(id) => void navigate(`/personnes/${person.id}/${id}`)}
      >
        {selected === 'identite' && <IdentitySection {...props} />}
        {selected === 'equipe' && <TeamSection {...props} />}
        {selected === 'diagnostic' && <DiagnosticSection {...props} />}
        {selected === 'projet' && <ProjectSection {...props} />}
        {selected === 'plan' && <PlanSection {...props} />}
        {selected === 'rendez-vous' && <AppointmentsSection {...props} />}
        {selected === 'notes' && <NotesSection {...props} />}
        {selected === 'historique' && <TimelineSection {...props} />}
        {selected === 'journal' && showAccessLog && <AccessLogSection {...props} />}
      </Tabs>
    </>
  );
}
