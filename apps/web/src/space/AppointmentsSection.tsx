import { useMutation } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { reasonOf } from '../api/errors';
import { ANSWER_APPOINTMENT, formatWhen, type SpaceAppointment } from './space-query';

function place(appointment: SpaceAppointment): string {
  if (appointment.remote) return 'Par téléphone';
  return appointment.location ? `Lieu : ${appointment.location}` : 'Lieu à préciser';
}

/** What the person answered, said back in a sentence. */
function answered(appointment: SpaceAppointment): string | undefined {
  if (appointment.presence === 'COMING') return 'Vous avez répondu : je viendrai.';
  if (appointment.presence === 'NOT_COMING') return 'Vous avez répondu : je ne pourrai pas venir.';
  return undefined;
}

const REFUSALS: Record<string, string> = {
  APPOINTMENT_PAST: 'Ce rendez-vous est passé : vous ne pouvez plus répondre.',
  APPOINTMENT_CANCELLED: 'Ce rendez-vous est annulé : vous n’avez pas besoin de répondre.',
  FILE_ARCHIVED:
    'Votre dossier est archivé : vous ne pouvez plus répondre. Contactez votre référent si besoin.',
  PROCESSING_RESTRICTED:
    'Vous avez demandé la limitation du traitement de vos données : votre réponse ne peut pas être enregistrée tant qu’elle dure. Prévenez votre référent directement.',
};

function AppointmentCard({
  appointment,
  upcoming,
}: {
  appointment: SpaceAppointment;
  upcoming: boolean;
}) {
  const [answer, { loading }] = useMutation(ANSWER_APPOINTMENT);
  const [problem, setProblem] = useState<string>();
  const cancelled = appointment.status === 'CANCELLED';
  const titleId = `rdv-${appointment.id}`;

  async function send(presence: 'COMING' | 'NOT_COMING') {
    setProblem(undefined);
    try {
      await answer({ variables: { input: { appointmentId: appointment.id, presence } } });
    } catch (error) {
      const reason = reasonOf(error);
      setProblem(
        (reason && REFUSALS[reason]) ??
          'Votre réponse n’est pas partie. Vérifiez votre connexion, puis réessayez.',
      );
    }
  }

  return (
    <li className="fr-mb-3w">
      <article className="fr-card fr-card--sm" aria-labelledby={titleId}>
        <div className="fr-card__body">
          <div className="fr-card__content">
            <h4 id={titleId} className="fr-card__title">
              {formatWhen(appointment.startsAt)}
            </h4>
            <div className="fr-card__desc">
              {cancelled && (
                <p className="fr-mb-1w">
                  <Badge severity="warning" small>
                    Annulé
                  </Badge>
                </p>
              )}
              <p className="fr-mb-1w">Avec {appointment.withWhom}</p>
              <p className="fr-mb-1w">{place(appointment)}</p>
              <p className="fr-mb-1w">Durée : {appointment.durationMinutes} minutes</p>
              {upcoming && !cancelled && (
                <>
                  <div className="relais-actions">
                    <Button
                      size="small"
                      disabled={loading}
                      priority={appointment.presence === 'COMING' ? 'primary' : 'secondary'}
                      aria-pressed={appointment.presence === 'COMING'}
                      onClick={() => void send('COMING')}
                    >
                      Je viendrai
                    </Button>
                    <Button
                      size="small"
                      disabled={loading}
                      priority={appointment.presence === 'NOT_COMING' ? 'primary' : 'secondary'}
                      aria-pressed={appointment.presence === 'NOT_COMING'}
                      onClick={() => void send('NOT_COMING')}
                    >
                      Je ne pourrai pas venir
                    </Button>
                  </div>
                  <p role="status" className="fr-mb-0">
                    {answered(appointment) &&
                      `${answered(appointment)} Votre référent est prévenu.`}
                  </p>
                  <div role="alert">{problem && <p className="fr-error-text">{problem}</p>}</div>
                </>
              )}
              {!upcoming && answered(appointment) && (
                <p className="fr-mb-0">{answered(appointment)}</p>
              )}
            </div>
          </div>
        </div>
      </article>
    </li>
  );
}

/** Their appointments: the coming ones (with their answer), then the past ones. */
export function AppointmentsSection({
  upcoming,
  past,
}: {
  upcoming: readonly SpaceAppointment[];
  past: readonly SpaceAppointment[];
}) {
  return (
    <section aria-labelledby="rdv-titre" className="fr-mb-6w">
      <h2 id="rdv-titre">Vos rendez-vous</h2>
      <h3 className="fr-h5">À venir</h3>
      {upcoming.length === 0 ? (
        <p>Vous n’avez pas de rendez-vous prévu.</p>
      ) : (
        <>
          <p>Dites à votre référent si vous viendrez. Vous pouvez changer d’avis.</p>
          <ul className="fr-raw-list">
            {upcoming.map((appointment) => (
              <AppointmentCard key={appointment.id} appointment={appointment} upcoming />
            ))}
          </ul>
        </>
      )}
      <h3 className="fr-h5">Passés</h3>
      {past.length === 0 ? (
        <p>Pas encore de rendez-vous passé.</p>
      ) : (
        <ul className="fr-raw-list">
          {past.map((appointment) => (
            <AppointmentCard key={appointment.id} appointment={appointment} upcoming={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
