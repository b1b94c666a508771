import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { useMe } from '../../app/me';
import { EmptyState } from '../../components/PageState';
import { INPUT_RULES } from '../../forms/field-check';
import { CountedText } from '../../forms/CountedText';
import { useFieldErrors } from '../../forms/useFieldErrors';
import {
  APPOINTMENT_STATUS_LABELS,
  type AppointmentStatus,
  formatDateTime,
  keysOf,
  personName,
} from '../labels';
import { afterFailure, SectionForm, todayIso, useConfirmation, useFormReload } from './common';
import type { PersonFile, SectionProps } from './query';

const SCHEDULE_APPOINTMENT = graphql(`
  mutation ScheduleAppointment($input: ScheduleAppointmentInput!) {
    scheduleAppointment(input: $input) {
      id
    }
  }
`);

const UPDATE_APPOINTMENT = graphql(`
  mutation UpdateAppointment($input: UpdateAppointmentInput!) {
    updateAppointment(input: $input) {
      id
      status
      version
    }
  }
`);

const APPOINTMENT_LABELS = {
  startsAt: 'Date et heure',
  durationMinutes: 'Durée',
  withWhom: 'Avec qui',
  location: 'Lieu',
  remote: 'À distance',
  status: 'Statut',
};

type Appointment = PersonFile['appointments'][number];

/** The person's answer from their space, in plain words, with when they gave it. */
function presenceText(appointment: Appointment): string {
  const when = appointment.personPresenceAnsweredAt
    ? ` (le ${formatDateTime(appointment.personPresenceAnsweredAt)})`
    : '';
  switch (appointment.personPresence) {
    case 'COMING':
      return `La personne a confirmé sa présence${when}.`;
    case 'NOT_COMING':
      return `La personne a prévenu qu’elle ne pourra pas venir${when}.`;
    default:
      return 'Pas de réponse';
  }
}

export function AppointmentsSection({ person, reload }: SectionProps) {
  const [confirmation, confirm] = useConfirmation();
  const [scheduling, setScheduling] = useState(false);
  const [editing, setEditing] = useState<Appointment>();
  const [formKey, reloadForm] = useFormReload(reload);
  const canWrite = person.access.canWrite;

  return (
    <section aria-labelledby="rdv-titre">
      <h2 id="rdv-titre">Rendez-vous</h2>
      {confirmation}
      {person.appointments.length === 0 ? (
        <EmptyState>Aucun rendez-vous n’a été planifié.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Rendez-vous, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Durée</th>
                <th scope="col">Avec</th>
                <th scope="col">Lieu</th>
                <th scope="col">Statut</th>
                <th scope="col">Réponse de la personne</th>
                {canWrite && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {person.appointments.map((appointment) => (
                <tr key={appointment.id}>
                  <td>{formatDateTime(appointment.startsAt)}</td>
                  <td>{appointment.durationMinutes} min</td>
                  <td>{appointment.withWhom}</td>
                  <td>
                    {appointment.remote
                      ? `À distance${appointment.location ? ` (${appointment.location})` : ''}`
                      : appointment.location}
                  </td>
                  <td>{APPOINTMENT_STATUS_LABELS[appointment.status]}</td>
                  <td>{presenceText(appointment)}</td>
                  {canWrite && (
                    <td>
                      <Button
                        size="small"
                        priority="tertiary"
                        onClick={() => {
                          confirm(undefined);
                          setScheduling(false);
                          setEditing(appointment);
                        }}
                      >
                        Changer le statut
                        <span className="fr-sr-only">
                          {' '}
                          du rendez-vous du {formatDateTime(appointment.startsAt)}
                        </span>
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && editing && (
        <StatusForm
          key={`${editing.id}-${formKey}`}
          appointment={person.appointments.find((a) => a.id === editing.id) ?? editing}
          reload={reloadForm}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            confirm('Statut du rendez-vous enregistré.');
            void reload();
          }}
        />
      )}
      {canWrite && !scheduling && !editing && (
        <Button
          priority="secondary"
          iconId="fr-icon-calendar-line"
          onClick={() => {
            confirm(undefined);
            setScheduling(true);
          }}
        >
          Planifier un rendez-vous
        </Button>
      )}
      {canWrite && scheduling && (
        <ScheduleForm
          person={person}
          reload={reload}
          onClose={() => setScheduling(false)}
          onDone={() => {
            setScheduling(false);
            confirm('Rendez-vous planifié.');
            void reload();
          }}
        />
      )}
    </section>
  );
}

function ScheduleForm({
  person,
  reload,
  onClose,
  onDone,
}: SectionProps & { onClose: () => void; onDone: () => void }) {
  const { me } = useMe();
  const [date, setDate] = useState(todayIso);
  const [time, setTime] = useState('09:00');
  const [duration, setDuration] = useState('30');
  // By default, the caseworker and the structure they work for, as the demo records it.
  const [withWhom, setWithWhom] = useState(() => {
    const structure = me.memberships.find(
      (m) => m.role === 'PROFESSIONAL' && m.structure,
    )?.structure;
    return structure ? `${personName(me)} (${structure.name})` : personName(me);
  });
  const [remote, setRemote] = useState(false);
  const [location, setLocation] = useState('');
  const [schedule, { error, loading, reset }] = useMutation(SCHEDULE_APPOINTMENT);
  const rules = INPUT_RULES.ScheduleAppointmentInput;
  const fieldErrors = useFieldErrors({
    // A place is asked for unless the appointment is remote (the API says the same).
    rules: { ...rules, location: { ...rules.location, required: !remote } },
    labels: APPOINTMENT_LABELS,
    idPrefix: 'rdv',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = {
      startsAt: date && time ? `${date}T${time}` : '',
      durationMinutes: duration === '' ? '' : Number(duration),
      withWhom,
      location,
    };
    if (!fieldErrors.check(values)) return;
    try {
      await schedule({
        variables: {
          input: {
            personId: person.id,
            // The date and time typed are local: sent as an instant.
            startsAt: new Date(`${date}T${time}`).toISOString(),
            durationMinutes: Number(duration),
            withWhom: withWhom.trim(),
            remote,
            location: location.trim() || null,
          },
        },
      });
      onDone();
    } catch (failure) {
      afterFailure(failure, reload, fieldErrors, values);
    }
  }

  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId="rdv-form-titre"
      title="Planifier un rendez-vous"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={APPOINTMENT_LABELS}
      onReload={() => {
        reset();
        void reload();
      }}
      submitLabel="Enregistrer le rendez-vous"
      onCancel={onClose}
      busy={loading}
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Date (obligatoire)"
            {...fieldErrors.state('startsAt')}
            nativeInputProps={{
              ...fieldErrors.native('startsAt'),
              type: 'date',
              value: date,
              onChange: (e) => setDate(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Heure (obligatoire)"
            nativeInputProps={{
              id: 'rdv-heure',
              type: 'time',
              value: time,
              onChange: (e) => setTime(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Durée en minutes (obligatoire)"
            hintText="De 5 à 480 minutes."
            {...fieldErrors.state('durationMinutes')}
            nativeInputProps={{
              ...fieldErrors.native('durationMinutes'),
              type: 'number',
              step: 5,
              value: duration,
              onChange: (e) => setDuration(e.target.value),
            }}
          />
        </div>
      </div>
      <CountedText
        label="Avec qui (obligatoire)"
        hintText="Le professionnel ou le service que la personne rencontre."
        field="withWhom"
        value={withWhom}
        onChange={setWithWhom}
        fieldErrors={fieldErrors}
      />
      <Checkbox
        options={[
          {
            label: 'Rendez-vous à distance (téléphone, visioconférence)',
            nativeInputProps: { checked: remote, onChange: (e) => setRemote(e.target.checked) },
          },
        ]}
      />
      <CountedText
        label={remote ? 'Lieu ou lien (facultatif)' : 'Lieu (obligatoire)'}
        field="location"
        value={location}
        onChange={setLocation}
        fieldErrors={fieldErrors}
      />
    </SectionForm>
  );
}

function StatusForm({
  appointment,
  reload,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  reload: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [version] = useState(appointment.version);
  const [status, setStatus] = useState<AppointmentStatus>(appointment.status);
  const [update, { error, loading }] = useMutation(UPDATE_APPOINTMENT);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await update({ variables: { input: { appointmentId: appointment.id, version, status } } });
      onDone();
    } catch (failure) {
      afterFailure(failure, reload);
    }
  }

  return (
    <SectionForm
      titleId="rdv-statut-titre"
      title={<>Rendez-vous du {formatDateTime(appointment.startsAt)}</>}
      className="fr-p-3w fr-mb-3w fr-background-alt--grey"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={APPOINTMENT_LABELS}
      onReload={() => void reload()}
      submitLabel="Enregistrer le statut"
      onCancel={onClose}
      busy={loading}
    >
      <Select
        label="Statut du rendez-vous"
        nativeSelectProps={{
          value: status,
          onChange: (e) => setStatus(e.target.value as AppointmentStatus),
        }}
      >
        {keysOf(APPOINTMENT_STATUS_LABELS).map((value) => (
          <option key={value} value={value}>
            {APPOINTMENT_STATUS_LABELS[value]}
          </option>
        ))}
      </Select>
    </SectionForm>
  );
}
