import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Link } from 'react-router';
import { CONTRACT_TYPE_LABELS, formatDate, ORIENTATION_LABELS, personName } from '../labels';
import { formatShortDateTime } from '../../components/format';
import { todayIso as today } from './common';
import type { PersonFile } from './query';
import { toStructure } from '../../components/typography';

/** A contract ending within this many days is flagged "à échéance". */
export const ENDING_SOON_DAYS = 30;

type Contract = PersonFile['contracts'][number];
type ContractFlag = 'ENDED' | 'ENDING' | null;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The contract in force: the latest one already started (contracts come latest first). */
export function currentContract(person: PersonFile, day = today()): Contract | undefined {
  return person.contracts.find((contract) => contract.startsOn <= day) ?? person.contracts[0];
}

export function contractFlag(contract: Contract, day = today()): ContractFlag {
  if (!contract.endsOn) return null;
  if (contract.endsOn < day) return 'ENDED';
  if (contract.endsOn <= addDays(day, ENDING_SOON_DAYS)) return 'ENDING';
  return null;
}

/**
 * Actions due before today and neither done, abandoned nor cancelled. Redacted (sensitive)
 * actions are counted, never described.
 */
export function overdueActions(person: PersonFile, day = today()): number {
  return person.actions.filter(
    (action) =>
      action.dueOn !== null &&
      action.dueOn !== undefined &&
      action.dueOn < day &&
      (action.status === 'PLANNED' || action.status === 'IN_PROGRESS'),
  ).length;
}

function nextAppointment(person: PersonFile, now = Date.now()) {
  return person.appointments
    .filter((a) => a.status === 'PLANNED' && new Date(a.startsAt).getTime() >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
      <dt className="fr-text--bold fr-mb-1v">{label}</dt>
      <dd className="fr-ml-0 fr-mb-0">{children}</dd>
    </div>
  );
}

function ContractItem({ person }: { person: PersonFile }) {
  const contract = currentContract(person);
  if (!contract) return <span className="relais-redacted">Aucun contrat</span>;
  const flag = contractFlag(contract);
  return (
    <>
      {CONTRACT_TYPE_LABELS[contract.type]}
      <br />
      {contract.endsOn ? `jusqu’au ${formatDate(contract.endsOn)}` : 'sans date de fin'}{' '}
      {flag === 'ENDED' && (
        <Badge severity="error" small>
          échu
        </Badge>
      )}
      {flag === 'ENDING' && (
        <Badge severity="warning" small>
          à échéance
        </Badge>
      )}
    </>
  );
}

function HandoverItem({ person }: { person: PersonFile }) {
  const handover = person.openHandover;
  if (!handover) return <span className="relais-redacted">Aucun</span>;
  const text = `Proposé ${toStructure(handover.toStructureName)}${
    handover.toAccountName ? `, nommant ${handover.toAccountName}` : ''
  } (réponse attendue avant le ${formatDate(handover.expiresAt)})`;
  return (
    <>
      <Badge severity="new" small className="fr-mr-1v">
        En cours
      </Badge>
      {text}
      {handover.canOpen && (
        <>
          <br />
          <Link to={`/passages/${handover.id}`} className="fr-link">
            Ouvrir le passage de relais
          </Link>
        </>
      )}
    </>
  );
}

/** The team with their professional contact details: names, roles and how to reach them. */
function TeamContacts({ person }: { person: PersonFile }) {
  const active = person.team.filter((member) => !member.leftAt);
  if (active.length === 0) return <span className="relais-redacted">Personne</span>;
  return (
    <ul className="fr-raw-list">
      {active.map((member) => (
        <li key={member.id} className="fr-mb-1w">
          <strong>{personName(member)}</strong>
          {member.role === 'REFERENT' ? ' (référent)' : ''}, {member.structureName}
          <br />
          {member.workPhone && (
            <>
              <a href={`tel:${member.workPhone.replace(/[\s.]/g, '')}`}>{member.workPhone}</a>
              {' · '}
            </>
          )}
          {member.workEmail && <a href={`mailto:${member.workEmail}`}>{member.workEmail}</a>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The file at a glance, from what the file's query already returned (so only what the viewer
 * may read): referent, orientation, contract, open handover, next appointment, overdue actions
 * and the team's contacts.
 */
export function SummaryBand({ person }: { person: PersonFile }) {
  const referent = person.team.find((m) => m.role === 'REFERENT' && !m.leftAt);
  const appointment = nextAppointment(person);
  const overdue = overdueActions(person);
  return (
    <section
      aria-labelledby="synthese-titre"
      className="relais-summary fr-p-2w fr-mb-3w fr-background-alt--grey"
    >
      <h2 id="synthese-titre" className="fr-h6 fr-mb-2w">
        En bref
      </h2>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-0">
        <Item label="Référent unique">
          {referent ? (
            `${personName(referent)} (${referent.structureName})`
          ) : (
            <span className="relais-redacted">Aucun</span>
          )}
        </Item>
        <Item label="Orientation">
          {person.orientationType ? (
            ORIENTATION_LABELS[person.orientationType]
          ) : (
            <span className="relais-redacted">Non orientée</span>
          )}
        </Item>
        <Item label="Contrat">
          <ContractItem person={person} />
        </Item>
        <Item label="Passage de relais">
          <HandoverItem person={person} />
        </Item>
        <Item label="Prochain rendez-vous">
          {appointment ? (
            `${formatShortDateTime(appointment.startsAt)}${appointment.withWhom ? `, avec ${appointment.withWhom}` : ''}`
          ) : (
            <span className="relais-redacted">Aucun</span>
          )}
        </Item>
        <Item label="Actions en retard">
          {overdue > 0 ? (
            <Badge severity="warning" small>
              {overdue === 1 ? '1 action en retard' : `${overdue} actions en retard`}
            </Badge>
          ) : (
            'Aucune'
          )}
        </Item>
        <div className="fr-col-12">
          <dt className="fr-text--bold fr-mb-1v">Équipe de suivi</dt>
          <dd className="fr-ml-0 fr-mb-0">
            <TeamContacts person={person} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
