import type {
  AppointmentReminderEmail,
  PersonSignInCodeEmail,
  PersonSpaceInvitationEmail,
} from './email-message.js';
import {
  actorText,
  type EmailContent,
  formatDateTime,
  formatDay,
  greeting,
  html,
} from './email-layout.js';

// The emails a followed person receives for their personal space (issue 22): short sentences,
// no jargon, written for someone who may read French with difficulty.

export function personSpaceInvitation(message: PersonSpaceInvitationEmail): EmailContent {
  const who = actorText(message.invitedBy);
  const until = formatDateTime(message.expiresAt);
  return {
    subject: 'Votre espace personnel Relais',
    preview: `${message.invitedBy.name} vous invite à ouvrir votre espace personnel.`,
    heading: 'Votre espace personnel vous attend',
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${who} vous invite à ouvrir votre espace personnel sur Relais.</p>
      <p>
        Dans cet espace, vous voyez qui vous accompagne et comment les joindre. Vous voyez aussi qui
        a consulté votre dossier.
      </p>
      <p>
        Le lien marche une seule fois, jusqu’au ${until}. Ensuite, nous vous enverrons un code par
        courriel à chaque connexion.
      </p>`,
    action: { label: 'Ouvrir mon espace personnel', url: message.secret.link },
    why: `Vous recevez ce courriel parce que ${message.invitedBy.name} vous invite à ouvrir votre espace personnel. Si vous ne connaissez pas cette personne, ne cliquez pas sur le lien.`,
    text: `${greeting(message.recipientFirstName)}

${who} vous invite à ouvrir votre espace personnel sur Relais.

Dans cet espace, vous voyez qui vous accompagne et comment les joindre. Vous voyez aussi qui a consulté votre dossier.

Le lien marche une seule fois, jusqu’au ${until}. Ensuite, nous vous enverrons un code par courriel à chaque connexion.`,
  };
}

export function personSignInCode(message: PersonSignInCodeEmail): EmailContent {
  const { code } = message.secret;
  return {
    subject: `Votre code de connexion Relais : ${code}`,
    preview: `Votre code est ${code}. Il marche ${message.validMinutes} minutes.`,
    heading: 'Votre code de connexion',
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>Voici votre code pour entrer dans votre espace personnel :</p>
      <p style="font-size: 28px; letter-spacing: 6px"><strong>${code}</strong></p>
      <p>Il marche ${String(message.validMinutes)} minutes, une seule fois.</p>`,
    action: { label: 'Revenir à la page de connexion', url: message.links.signIn },
    why: 'Vous recevez ce courriel parce qu’un code a été demandé pour votre espace personnel. Si ce n’est pas vous, ne faites rien : personne ne peut entrer sans ce code.',
    text: `${greeting(message.recipientFirstName)}

Voici votre code pour entrer dans votre espace personnel : ${code}

Il marche ${message.validMinutes} minutes, une seule fois.`,
  };
}

const TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: 'numeric',
  minute: '2-digit',
});

/** "14 h 30", "9 h", in Paris: the way a time is said. */
function spokenTime(date: Date): string {
  const [hour, minute] = TIME.format(date).split(':');
  return minute === '00' ? `${Number(hour)} h` : `${Number(hour)} h ${minute}`;
}

/** "1 heure", "45 minutes", "1 h 30". */
function spokenDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return hours === 1 ? '1 heure' : `${hours} heures`;
  return `${hours} h ${String(rest).padStart(2, '0')}`;
}

export function appointmentReminder(message: AppointmentReminderEmail): EmailContent {
  const day = formatDay(message.startsAt);
  const time = spokenTime(message.startsAt);
  const soon = message.when === 'SAME_DAY' ? 'aujourd’hui' : `le ${day}`;
  const place = message.remote
    ? 'Le rendez-vous se fait par téléphone.'
    : `Adresse : ${message.location ?? ''}.`;
  const lines = [
    `Vous avez rendez-vous ${soon} à ${time} avec ${message.withWhom}.`,
    `Le rendez-vous dure ${spokenDuration(message.durationMinutes)}.`,
    place,
  ];
  return {
    subject:
      message.when === 'SAME_DAY'
        ? `Rappel : rendez-vous aujourd’hui à ${time}`
        : `Rappel : rendez-vous le ${day} à ${time}`,
    preview: lines[0],
    heading: 'Rappel de votre rendez-vous',
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${lines[0]}</p>
      <p>${lines[1]}</p>
      <p>${lines[2]}</p>
      <p>
        Dites-nous si vous serez là. Si vous ne pouvez pas venir, dites-le aussi : votre référent
        pourra vous proposer une autre date.
      </p>`,
    action: { label: 'Répondre dans mon espace personnel', url: message.links.space },
    why: 'Vous recevez ce courriel parce que vous avez un espace personnel sur Relais, ouvert par votre référent.',
    text: `${greeting(message.recipientFirstName)}

${lines.join('\n')}

Dites-nous si vous serez là. Si vous ne pouvez pas venir, dites-le aussi : votre référent pourra vous proposer une autre date.`,
  };
}
