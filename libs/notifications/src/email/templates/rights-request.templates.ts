import { ofName } from '@relais/core';
import {
  formatShortName,
  type RightsRequestAnsweredEmail,
  type RightsRequestedEmail,
} from './email-message.js';
import { type EmailContent, greeting, html } from './email-layout.js';

// A followed person's requests about their rights (issue 22): to their referent, what to answer
// and by when (never the person's words); to the person, that an answer waits in their space.

const REQUEST_WORDS: Readonly<Record<RightsRequestedEmail['requestKind'], string>> = {
  RECTIFICATION: 'demande la correction de son dossier',
  OBJECTION: 's’oppose au partage de son dossier',
  RESTRICTION: 'demande la limitation du traitement de son dossier',
};

/** A YYYY-MM-DD date as "7 janvier 2027". */
function dueDate(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

export function rightsRequested(message: RightsRequestedEmail): EmailContent {
  const person = formatShortName(message.person);
  const sentence = `${person} ${REQUEST_WORDS[message.requestKind]} depuis son espace personnel.`;
  const due = `Vous avez jusqu’au ${dueDate(message.dueOn)} pour lui répondre.`;
  return {
    subject: `Demande ${ofName(person)} sur ses droits, à traiter`,
    preview: sentence,
    heading: `Demande ${ofName(person)} sur ses droits`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>${sentence}</p>
      <p>${due} Le détail de la demande est dans son dossier.</p>`,
    action: { label: 'Voir la demande', url: message.links.file },
    why: `Vous recevez ce courriel parce que vous êtes la personne référente ${ofName(person)} sur Relais.`,
    text: `${greeting(message.recipientFirstName)}

${sentence}

${due} Le détail de la demande est dans son dossier.`,
    unsubscribe: message.unsubscribe,
  };
}

export function rightsRequestAnswered(message: RightsRequestAnsweredEmail): EmailContent {
  return {
    subject: 'Votre demande a reçu une réponse',
    preview: 'La personne qui vous accompagne a répondu à votre demande.',
    heading: 'Votre demande a reçu une réponse',
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>La personne qui vous accompagne a répondu à votre demande.</p>
      <p>Vous pouvez lire la réponse dans votre espace personnel.</p>`,
    action: { label: 'Lire la réponse', url: message.links.space },
    why: 'Vous recevez ce courriel parce que vous avez fait une demande depuis votre espace personnel sur Relais.',
    text: `${greeting(message.recipientFirstName)}

La personne qui vous accompagne a répondu à votre demande.

Vous pouvez lire la réponse dans votre espace personnel.`,
  };
}
