import { Injectable } from '@nestjs/common';
import type { EmailRenderer, RenderedEmail } from '../email-renderer.js';
import { EMAIL_CATEGORY_BY_KIND, type EmailKind, type EmailMessage } from './email-message.js';
import { renderEmail } from './render-email.js';

/**
 * The sender's renderer (`EMAIL_RENDERER`): a delivery's stored message, read back from JSON,
 * becomes the email of its template, with RFC 8058 one-click unsubscribe headers when the
 * message has an unsubscribe link.
 */
@Injectable()
export class EmailTemplatesRenderer implements EmailRenderer {
  async render(message: unknown): Promise<RenderedEmail> {
    const email = await renderEmail(emailMessageFromJson(message));
    const unsubscribe = (message as EmailMessage).unsubscribe;
    return {
      subject: email.subject,
      html: email.html,
      text: email.text,
      ...(unsubscribe
        ? {
            headers: {
              'List-Unsubscribe': `<${unsubscribe.url}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            },
          }
        : {}),
    };
  }
}

function isKind(value: unknown): value is EmailKind {
  return typeof value === 'string' && Object.hasOwn(EMAIL_CATEGORY_BY_KIND, value);
}

/** A JSON date (an ISO string once stored) back to a Date; a Date stays one. */
function reviveDate(value: unknown, field: string): Date {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`Email message: ${field} is not a date`);
  return date;
}

/**
 * An email message as it comes back from the delivery row's JSON: the kind checked, the dates
 * revived. The rest was typed when it was queued.
 */
export function emailMessageFromJson(json: unknown): EmailMessage {
  if (typeof json !== 'object' || json === null || !('kind' in json) || !isKind(json.kind)) {
    throw new Error('Email message: unknown or missing kind');
  }
  const message = json as EmailMessage;
  switch (message.kind) {
    case 'HANDOVER_PROPOSED':
      return { ...message, deadline: reviveDate(message.deadline, 'deadline') };
    case 'PERSON_SPACE_INVITATION':
      return { ...message, expiresAt: reviveDate(message.expiresAt, 'expiresAt') };
    case 'APPOINTMENT_REMINDER':
      return { ...message, startsAt: reviveDate(message.startsAt, 'startsAt') };
    case 'DAILY_DIGEST':
      return {
        ...message,
        composedAt: reviveDate(message.composedAt, 'composedAt'),
        notifications: message.notifications.map((notification) => ({
          ...notification,
          occurredAt: reviveDate(notification.occurredAt, 'occurredAt'),
        })),
        unassigned: message.unassigned.map((group) => ({
          ...group,
          people: group.people.map((waiting) => ({
            ...waiting,
            orientedAt: reviveDate(waiting.orientedAt, 'orientedAt'),
          })),
        })),
      };
    default:
      return message;
  }
}
