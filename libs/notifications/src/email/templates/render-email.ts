import { ofName } from '@relais/core';
import {
  EMAIL_CATEGORY_BY_KIND,
  formatShortName,
  type CaseloadEnteredEmail,
  type EmailMessage,
  type HandoverAnsweredEmail,
  type HandoverProposedEmail,
  type InvitationEmail,
  type JoinDecidedEmail,
  type JoinRequestedEmail,
  type OrientationDecidedEmail,
  type RenderedTemplate,
} from './email-message.js';
import { dailyDigest } from './daily-digest.template.js';
import {
  appointmentReminder,
  personSignInCode,
  personSpaceInvitation,
} from './person-space.templates.js';
import { rightsRequestAnswered, rightsRequested } from './rights-request.templates.js';
import {
  actorText,
  formatDateTime,
  greeting,
  html,
  layoutHtml,
  layoutText,
  period,
  type EmailContent,
} from './email-layout.js';

/** Renders one email: French subject, HTML (MJML, one shared layout) and a hand-written text part. */
export async function renderEmail(message: EmailMessage): Promise<RenderedTemplate> {
  const content = emailContent(message);
  return {
    subject: oneLine(content.subject),
    html: await layoutHtml(content),
    text: layoutText(content),
    category: EMAIL_CATEGORY_BY_KIND[message.kind],
  };
}

/** A subject is a header: no line break may reach it. */
function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** What the layout shows of a message (the test renders it both ways). */
export function emailContent(message: EmailMessage): EmailContent {
  switch (message.kind) {
    case 'INVITATION':
      return invitation(message);
    case 'PERSON_SPACE_INVITATION':
      return personSpaceInvitation(message);
    case 'PERSON_SIGN_IN_CODE':
      return personSignInCode(message);
    case 'APPOINTMENT_REMINDER':
      return appointmentReminder(message);
    case 'HANDOVER_PROPOSED':
      return handoverProposed(message);
    case 'HANDOVER_ANSWERED':
      return handoverAnswered(message);
    case 'ORIENTATION_DECIDED':
      return orientationDecided(message);
    case 'JOIN_REQUESTED':
      return joinRequested(message);
    case 'JOIN_DECIDED':
      return joinDecided(message);
    case 'CASELOAD_ENTERED':
      return caseloadEntered(message);
    case 'DAILY_DIGEST':
      return dailyDigest(message);
    case 'RIGHTS_REQUESTED':
      return rightsRequested(message);
    case 'RIGHTS_REQUEST_ANSWERED':
      return rightsRequestAnswered(message);
  }
}

function invitation(message: InvitationEmail): EmailContent {
  const { inviterName, structureName, roleLabel, links } = message;
  const devLinks = links.devSignIn
    ? [{ label: 'Se connecter avec le lien de développement (npm start)', url: links.devSignIn }]
    : [];
  return {
    subject: `Invitation à rejoindre Relais : ${structureName}`,
    preview: `${inviterName} vous invite à rejoindre ${structureName} sur Relais.`,
    heading: `Invitation à rejoindre ${structureName} sur Relais`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>
        ${inviterName} vous invite à rejoindre la structure <strong>${structureName}</strong> sur
        Relais, avec le rôle <strong>${roleLabel}</strong>.
      </p>
      <p>
        Relais est l’outil partagé de coordination de l’accompagnement des personnes sur votre
        territoire.
      </p>`,
    action: { label: 'Se connecter à Relais pour accepter l’invitation', url: links.signIn },
    moreLinks: devLinks,
    why: `Vous recevez ce courriel parce que ${inviterName} vous invite à rejoindre ${structureName} sur Relais.`,
    text: `${greeting(message.recipientFirstName)}

${inviterName} vous invite à rejoindre la structure ${structureName} sur Relais, avec le rôle ${roleLabel}.

Relais est l’outil partagé de coordination de l’accompagnement des personnes sur votre territoire.`,
    unsubscribe: message.unsubscribe,
  };
}

function handoverProposed(message: HandoverProposedEmail): EmailContent {
  const person = formatShortName(message.person);
  const { proposer, targetStructureName, reasonLabel } = message;
  const deadline = formatDateTime(message.deadline);
  const why =
    message.recipientRole === 'STRUCTURE_ADMIN'
      ? `Vous recevez ce courriel parce que vous administrez ${targetStructureName} sur Relais.`
      : 'Vous recevez ce courriel parce que ce transfert vous est proposé nommément sur Relais.';
  return {
    subject: `Transfert proposé : ${person} vers ${targetStructureName}`,
    preview: `${proposer.name} propose de transférer l’accompagnement ${ofName(person)}, réponse attendue avant le ${deadline}.`,
    heading: `Transfert proposé : ${person}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>
        ${actorText(proposer)} propose de transférer
        <strong>l’accompagnement ${ofName(person)}</strong> vers
        <strong>${targetStructureName}</strong>.
      </p>
      <ul>
        <li>Motif : ${reasonLabel}</li>
        <li>Réponse attendue avant le ${deadline}</li>
      </ul>
      <p>
        Sans réponse à cette date, la proposition expire et l’accompagnement reste à la structure
        actuelle.
      </p>`,
    action: {
      label: `Voir la proposition de transfert ${ofName(person)}`,
      url: message.links.handover,
    },
    why,
    text: `${greeting(message.recipientFirstName)}

${actorText(proposer)} propose de transférer l’accompagnement ${ofName(person)} vers ${targetStructureName}.

- Motif : ${reasonLabel}
- Réponse attendue avant le ${deadline}

Sans réponse à cette date, la proposition expire et l’accompagnement reste à la structure actuelle.`,
    unsubscribe: message.unsubscribe,
  };
}

const HANDOVER_OUTCOME: Record<HandoverAnsweredEmail['outcome'], string> = {
  ACCEPTED: 'accepté',
  DECLINED: 'refusé',
  EXPIRED: 'expiré',
  CANCELLED: 'annulé',
};

function handoverAnswered(message: HandoverAnsweredEmail): EmailContent {
  const person = formatShortName(message.person);
  const { outcome, answeredBy, targetStructureName } = message;
  const word = HANDOVER_OUTCOME[outcome];
  const sentence =
    outcome === 'EXPIRED' || answeredBy === null
      ? `Le transfert ${ofName(person)} vers ${targetStructureName} a ${outcome === 'EXPIRED' ? 'expiré sans réponse' : `été ${word}`}.`
      : `${actorText(answeredBy)} a ${word} le transfert ${ofName(person)} vers ${targetStructureName}.`;
  const next =
    outcome === 'ACCEPTED'
      ? `L’accompagnement ${ofName(person)} est désormais assuré par ${targetStructureName}.`
      : `L’accompagnement ${ofName(person)} reste à votre structure.`;
  return {
    subject: `Transfert ${word} : ${person} vers ${targetStructureName}`,
    preview: sentence,
    heading: `Transfert ${word} : ${person}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>
      <p>${next}</p>`,
    action: { label: `Voir le transfert ${ofName(person)}`, url: message.links.handover },
    why: 'Vous recevez ce courriel parce que vous avez proposé ce transfert sur Relais.',
    text: `${greeting(message.recipientFirstName)}

${sentence}

${next}`,
    unsubscribe: message.unsubscribe,
  };
}

function orientationDecided(message: OrientationDecidedEmail): EmailContent {
  const person = formatShortName(message.person);
  const word = message.decision === 'ACCEPTED' ? 'acceptée' : 'refusée';
  const by = message.decidedBy === null ? '' : ` par ${actorText(message.decidedBy)}`;
  const sentence = `L’orientation ${ofName(person)} vers ${message.structureName} a été ${word}${by}.`;
  return {
    subject: `Orientation ${word} : ${person} vers ${message.structureName}`,
    preview: sentence,
    heading: `Orientation ${word} : ${person}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>`,
    action: {
      label: `Voir la demande d’orientation ${ofName(person)}`,
      url: message.links.orientation,
    },
    why: `Vous recevez ce courriel parce que vous êtes la personne référente ${ofName(person)} sur Relais.`,
    text: `${greeting(message.recipientFirstName)}

${sentence}`,
    unsubscribe: message.unsubscribe,
  };
}

function joinRequested(message: JoinRequestedEmail): EmailContent {
  const person = formatShortName(message.person);
  const sentence = period(
    `${actorText(message.requester)} demande à rejoindre l’équipe qui accompagne ${person}`,
  );
  return {
    subject: `Demande pour rejoindre l’équipe ${ofName(person)}`,
    preview: sentence,
    heading: `Demande pour rejoindre l’équipe ${ofName(person)}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>
      <p>En tant que personne référente, c’est à vous d’accepter ou de refuser cette demande.</p>`,
    action: { label: 'Voir les demandes à décider', url: message.links.requests },
    why: `Vous recevez ce courriel parce que vous êtes la personne référente ${ofName(person)} sur Relais.`,
    text: `${greeting(message.recipientFirstName)}

${sentence}

En tant que personne référente, c’est à vous d’accepter ou de refuser cette demande.`,
    unsubscribe: message.unsubscribe,
  };
}

function joinDecided(message: JoinDecidedEmail): EmailContent {
  const person = formatShortName(message.person);
  const accepted = message.decision === 'ACCEPTED';
  const word = accepted ? 'acceptée' : 'refusée';
  const sentence = `Votre demande pour rejoindre l’équipe qui accompagne ${person} a été ${word}.`;
  const next = accepted
    ? period(`Vous avez désormais accès au dossier ${ofName(person)}`)
    : 'Vous pouvez en parler avec la personne référente si besoin.';
  return {
    subject: `Demande ${word} : équipe ${ofName(person)}`,
    preview: sentence,
    heading: `Demande ${word} : équipe ${ofName(person)}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>
      <p>${next}</p>`,
    action: {
      label: accepted ? `Ouvrir le dossier ${ofName(person)}` : 'Voir mes demandes',
      url: message.links.destination,
    },
    why: 'Vous recevez ce courriel parce que vous avez demandé à rejoindre cette équipe sur Relais.',
    text: `${greeting(message.recipientFirstName)}

${sentence}

${next}`,
    unsubscribe: message.unsubscribe,
  };
}

function caseloadEntered(message: CaseloadEnteredEmail): EmailContent {
  const person = formatShortName(message.person);
  const role =
    message.role === 'REFERENT'
      ? 'en tant que personne référente'
      : 'en tant que membre de l’équipe';
  const sentence = `${person} fait désormais partie de votre file active, ${role}.`;
  return {
    subject: `${person} rejoint votre file active`,
    preview: sentence,
    heading: `${person} rejoint votre file active`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>`,
    action: { label: `Ouvrir le dossier ${ofName(person)}`, url: message.links.file },
    why: `Vous recevez ce courriel parce que ${person} fait partie de votre file active sur Relais.`,
    text: `${greeting(message.recipientFirstName)}

${sentence}`,
    unsubscribe: message.unsubscribe,
  };
}
