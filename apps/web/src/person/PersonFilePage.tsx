import { useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { codeOf, isForbidden } from '../api/errors';
import { PageState } from '../components/PageState';
import { useMe } from '../app/me';
import { usePageTitle } from '../components/usePageTitle';
import { ProposeHandoverButton } from '../handovers/ProposeHandover';
import { AccessLogSection } from './file/AccessLogSection';
import { AppointmentsSection } from './file/AppointmentsSection';
import { DiagnosticSection } from './file/DiagnosticSection';
import { RgpdExportButtons } from './file/FileActions';
import { IdentitySection } from './file/IdentitySection';
import { NotesSection } from './file/NotesSection';
import { PlanSection } from './file/PlanSection';
import { ProjectSection } from './file/ProjectSection';
import { RightsRequestsSection } from './file/RightsRequestsSection';
import { PERSON_FILE, type PersonFile } from './file/query';
import { SpaceCard } from './file/SpaceCard';
import { SummaryBand } from './file/SummaryBand';
import { TeamSection } from './file/TeamSection';
import { TimelineSection } from './file/TimelineSection';
import { formatDate, PERSON_STATUS_LABELS, personName } from './labels';
import './file/print.css';

/** The sections of the file, each at its own address (`/personnes/:id/<section>`). */
const SECTIONS = [
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

type SectionId = (typeof SECTIONS)[number]['tabId'] | 'impression';

/** The sections printed together by "Imprimer le dossier" (the history and log are lists). */
const PRINTED: readonly SectionId[] = [
  'identite',
  'equipe',
  'diagnostic',
  'projet',
  'plan',
  'rendez-vous',
  'notes',
];

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
  const section = (rest.split('/')[0] || 'identite') as SectionId;
  // Each section names itself, then the person: "Plan d’action — Léa Martin".
  const sectionLabel =
    section === 'impression'
      ? 'Dossier à imprimer'
      : (SECTIONS.find((s) => s.tabId === section)?.label ?? SECTIONS[0].label);
  const unreachable = error !== undefined && isUnreachable(error);
  usePageTitle(
    unreachable
      ? 'Dossier introuvable ou non accessible'
      : person
        ? `${sectionLabel} — ${personName(person)}`
        : 'Dossier de parcours',
  );

  if (error) {
    if (unreachable) return <Unreachable />;
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
  return <FileView key={person.id} person={person} section={section} reload={reload} />;
}

/**
 * A file refused, unknown or at a malformed address (the id fails the API's check): one answer
 * for all, which never says whether the file exists, and no error code.
 */
function isUnreachable(error: unknown): boolean {
  return isForbidden(error) || codeOf(error) === 'BAD_USER_INPUT';
}

/** The only thing shown of a file one may not open. */
function Unreachable() {
  return (
    <div className="fr-my-4w">
      <h1>Dossier introuvable ou non accessible</h1>
      <p className="fr-text--lead">Ce dossier est introuvable ou non accessible.</p>
      <p>
        L’adresse est peut-être incomplète, ou le dossier ne vous est pas ouvert : il ne l’a jamais
        été, ou votre accès a pris fin (départ de l’équipe, passage de relais, rattachement retiré).
        Pour suivre cette personne, demandez à rejoindre son équipe depuis la recherche.
      </p>
      <Link to="/accompagnements" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
        Mes accompagnements
      </Link>
    </div>
  );
}

function readOnlyReason(person: PersonFile): string {
  if (person.status === 'ARCHIVED') {
    return 'Ce dossier est archivé faute d’activité depuis 24 mois : il se consulte sans modification.';
  }
  if (person.restricted) {
    return 'La personne a demandé la limitation du traitement de ses données (RGPD) : le dossier est en lecture seule.';
  }
  switch (person.access.ground) {
    case 'FORMER_REFERENT':
      return 'Vous avez été le référent de cette personne : après le passage de relais, vous consultez son dossier en lecture seule pendant 30 jours.';
    case 'ORIENTATION_MANAGER':
      return 'Comme chargé ou chargée d’orientation, vous consultez ce dossier en lecture seule ; chaque consultation est inscrite au journal des accès.';
    default:
      return 'Vous consultez ce dossier en lecture seule.';
  }
}

function SectionContent({
  id,
  person,
  reload,
}: {
  id: SectionId;
  person: PersonFile;
  reload: () => Promise<unknown>;
}) {
  const props = { person, reload };
  switch (id) {
    case 'identite':
      return (
        <>
          <IdentitySection {...props} />
          {/* The person's own space: who may write the file invites and revokes. */}
          {person.access.canWrite && <SpaceCard person={person} />}
          {/* What the person asked from their space: their team answers. */}
          {person.access.teamRole && <RightsRequestsSection {...props} />}
        </>
      );
    case 'equipe':
      return <TeamSection {...props} />;
    case 'diagnostic':
      return <DiagnosticSection {...props} />;
    case 'projet':
      return <ProjectSection {...props} />;
    case 'plan':
      return <PlanSection {...props} />;
    case 'rendez-vous':
      return <AppointmentsSection {...props} />;
    case 'notes':
      return <NotesSection {...props} />;
    case 'historique':
      return <TimelineSection {...props} />;
    case 'journal':
      return <AccessLogSection {...props} />;
    default:
      return null;
  }
}

function FileView({
  person,
  section,
  reload,
}: {
  person: PersonFile;
  section: SectionId;
  reload: () => Promise<unknown>;
}) {
  const { me } = useMe();
  const isReferent = person.access.teamRole === 'REFERENT';
  const sections = SECTIONS.filter((s) => s.tabId !== 'journal' || isReferent);
  const printing = section === 'impression';
  const selected: SectionId =
    printing || sections.some((s) => s.tabId === section) ? section : 'identite';
  // Kept after a proposal made here, for its confirmation to stay on screen.
  const [proposedHere, setProposedHere] = useState(false);
  // The API lets the referent or an orientation manager of the territory propose; an open
  // handover takes the button's place (the summary links to it).
  const mayPropose =
    (!person.openHandover || proposedHere) &&
    ((person.access.canWrite && isReferent) ||
      me.memberships.some(
        (m) =>
          m.role === 'ORIENTATION_MANAGER' &&
          (m.structure?.territoryId ?? m.territory?.id) === person.territoryId,
      ));

  return (
    <>
      <div className="fr-mb-2w">
        <p className="fr-mb-1w relais-no-print">
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
        <p className="fr-mb-1w">Date de naissance : {formatDate(person.birthDate)}</p>
        <div className="relais-actions relais-no-print">
          {mayPropose && (
            <ProposeHandoverButton
              personId={person.id}
              version={person.version}
              onProposed={() => {
                setProposedHere(true);
                void reload();
              }}
            />
          )}
          {printing ? (
            <Button
              priority="secondary"
              iconId="fr-icon-printer-line"
              onClick={() => window.print()}
            >
              Imprimer
            </Button>
          ) : (
            <Link
              to={`/personnes/${person.id}/impression`}
              className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-printer-line fr-mb-2w"
            >
              Imprimer le dossier
            </Link>
          )}
          {isReferent && <RgpdExportButtons personId={person.id} />}
        </div>
      </div>
      {!person.access.canWrite && (
        <Notice className="fr-mb-3w" title="Lecture seule" description={readOnlyReason(person)} />
      )}
      <SummaryBand person={person} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3 relais-no-print">
          <SideMenu
            id="parties-du-dossier"
            align="left"
            burgerMenuButtonText="Parties du dossier"
            title="Parties du dossier"
            items={[
              ...sections.map((s) => ({
                text: s.label,
                isActive: s.tabId === selected,
                linkProps: { to: `/personnes/${person.id}/${s.tabId}` },
              })),
              {
                text: 'Dossier à imprimer',
                isActive: printing,
                linkProps: { to: `/personnes/${person.id}/impression` },
              },
            ]}
          />
        </div>
        <div className="fr-col-12 fr-col-md-9 relais-file-content">
          {printing ? (
            <>
              <p className="relais-no-print">
                Les parties du dossier réunies en un document. L’historique et le journal des accès
                se consultent dans leurs parties.
              </p>
              {PRINTED.map((id) => (
                <div key={id} className="relais-print-section fr-mb-4w">
                  <SectionContent id={id} person={person} reload={reload} />
                </div>
              ))}
            </>
          ) : (
            <SectionContent id={selected} person={person} reload={reload} />
          )}
        </div>
      </div>
    </>
  );
}
