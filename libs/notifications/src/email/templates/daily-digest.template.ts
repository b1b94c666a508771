import { ofName, toStructure } from '@relais/core';
import {
  formatShortName,
  type DailyDigestEmail,
  type DigestNotification,
} from './email-message.js';
import {
  actorText,
  formatDay,
  formatWaiting,
  greeting,
  html,
  linkHtml,
  period,
  type EmailContent,
} from './email-layout.js';

/** One short French sentence per inbox notification. */
export function digestSentence(notification: DigestNotification): string {
  // "de Awa D.", or "d’une personne" when the notification names nobody.
  const person =
    notification.person === null ? 'd’une personne' : ofName(formatShortName(notification.person));
  const who = notification.actor === null ? 'Un partenaire' : actorText(notification.actor);
  switch (notification.type) {
    case 'handover.proposed':
      return period(`${who} propose le transfert ${person}`);
    case 'handover.accepted':
      return period(`${who} a accepté le transfert ${person}`);
    case 'handover.declined':
      return period(`${who} a refusé le transfert ${person}`);
    case 'handover.cancelled':
      return period(`${who} a annulé le transfert ${person}`);
    case 'handover.expired':
      return period(`Le transfert ${person} a expiré sans réponse`);
    case 'orientation.requested':
      return period(`${who} demande l’orientation ${person}`);
    case 'orientation.accepted':
      return period(`L’orientation ${person} a été acceptée`);
    case 'orientation.denied':
      return period(`L’orientation ${person} a été refusée`);
    case 'team.join_requested':
      return period(`${who} demande à rejoindre l’équipe ${person}`);
    case 'team.join_accepted':
      return period(`Votre demande pour rejoindre l’équipe ${person} a été acceptée`);
    case 'team.join_declined':
      return period(`Votre demande pour rejoindre l’équipe ${person} a été refusée`);
    case 'person.archived':
      return period(`Le dossier ${person} a été archivé`);
    case 'rights.requested':
      return period(`Une demande ${person} sur ses droits attend votre réponse`);
  }
}

/** Where a digest line's link goes, said in its text. */
function digestLinkLabel(notification: DigestNotification): string {
  const person =
    notification.person === null ? '' : ` ${ofName(formatShortName(notification.person))}`;
  switch (notification.type) {
    case 'handover.proposed':
    case 'handover.accepted':
    case 'handover.declined':
    case 'handover.cancelled':
    case 'handover.expired':
      return `Voir le transfert${person}`;
    case 'orientation.requested':
    case 'orientation.accepted':
    case 'orientation.denied':
      return `Voir la demande d’orientation${person}`;
    case 'team.join_requested':
      return 'Voir les demandes à décider';
    case 'team.join_declined':
      return 'Voir mes demandes';
    case 'team.join_accepted':
    case 'person.archived':
    case 'rights.requested':
      return `Ouvrir le dossier${person}`;
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Et 3 autres notifications, à voir sur Relais." */
function moreText(count: number, noun: 'notification' | 'personne'): string {
  return `Et ${plural(count, `autre ${noun}`, `autres ${noun}s`)}, à voir sur Relais.`;
}

export function dailyDigest(message: DailyDigestEmail): EmailContent {
  const day = formatDay(message.composedAt);
  const { notifications, unassigned, links } = message;
  const moreNotifications = message.moreNotifications ?? 0;
  const unread = notifications.length + moreNotifications;
  const waiting = unassigned.reduce(
    (sum, group) => sum + group.people.length + (group.more ?? 0),
    0,
  );
  const counts = [
    unread > 0 ? plural(unread, 'notification non lue', 'notifications non lues') : null,
    waiting > 0 ? plural(waiting, 'personne sans référent', 'personnes sans référent') : null,
  ].filter((part) => part !== null);
  const summary = counts.length > 0 ? counts.join(', ') : 'rien de nouveau';

  const notificationsHtml =
    notifications.length === 0
      ? html``
      : html`<h2>Vos notifications non lues</h2>
          <ul>
            ${notifications.map(
              (n) =>
                html`<li>
                  ${digestSentence(n)} ${linkHtml({ label: digestLinkLabel(n), url: n.url })}
                </li>`,
            )}
          </ul>
          ${moreNotifications > 0 ? html`<p>${moreText(moreNotifications, 'notification')}</p>` : ''}`;
  const unassignedHtml = unassigned
    .filter((group) => group.people.length > 0)
    .map(
      (group) =>
        html`<h2>Sans référent ${toStructure(group.structureName)}</h2>
          <ul>
            ${group.people.map(
              (p) =>
                html`<li>
                  ${formatShortName(p.person)}, en attente
                  ${formatWaiting(p.orientedAt, message.composedAt)}
                </li>`,
            )}
          </ul>
          ${(group.more ?? 0) > 0 ? html`<p>${moreText(group.more ?? 0, 'personne')}</p>` : ''}`,
    );

  const notificationsText = [
    ...notifications.map((n) => `- ${digestSentence(n)}\n  ${digestLinkLabel(n)} : ${n.url}`),
    ...(moreNotifications > 0 ? [moreText(moreNotifications, 'notification')] : []),
  ].join('\n');
  const unassignedText = unassigned
    .filter((group) => group.people.length > 0)
    .map(
      (group) =>
        `Sans référent ${toStructure(group.structureName)} :\n` +
        group.people
          .map(
            (p) =>
              `- ${formatShortName(p.person)}, en attente ${formatWaiting(p.orientedAt, message.composedAt)}`,
          )
          .concat((group.more ?? 0) > 0 ? [moreText(group.more ?? 0, 'personne')] : [])
          .join('\n'),
    )
    .join('\n\n');

  const moreLinks = links.incomingHandovers
    ? [
        {
          label: 'Voir les passages de relais reçus par vos structures',
          url: links.incomingHandovers,
        },
      ]
    : [];
  return {
    subject: `Votre récapitulatif Relais du ${day} : ${summary}`,
    preview: `Récapitulatif du ${day} : ${summary}.`,
    heading: `Votre récapitulatif du ${day}`,
    body: html`<p>${greeting(message.recipientFirstName)}</p>
      <p>
        Voici ce qui s’est passé sur Relais depuis hier et que vous n’avez pas encore vu :
        ${summary}.
      </p>
      ${notificationsHtml}${unassignedHtml}`,
    action: { label: 'Ouvrir mes notifications sur Relais', url: links.inbox },
    moreLinks,
    why:
      waiting > 0
        ? 'Vous recevez ce courriel parce que vous avez choisi le récapitulatif quotidien et que vous administrez une structure sur Relais.'
        : 'Vous recevez ce courriel parce que vous avez choisi de recevoir un récapitulatif quotidien de Relais.',
    text: [
      greeting(message.recipientFirstName),
      `Voici ce qui s’est passé sur Relais depuis hier et que vous n’avez pas encore vu : ${summary}.`,
      notificationsText === '' ? '' : `Vos notifications non lues :\n${notificationsText}`,
      unassignedText,
    ]
      .filter((part) => part !== '')
      .join('\n\n'),
    unsubscribe: message.unsubscribe,
  };
}
