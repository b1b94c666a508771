import { EmailMode } from './email-preference.entity.js';
import type { EmailCategory } from './templates/email-message.js';

/**
 * The mode of each category when an account chose none (no `email_preference` row): what waits on
 * the recipient (a handover to answer, a decision, a join request, a person entering their
 * caseload) goes immediately; the rest waits for the daily digest. Invitations are always sent and
 * are not configurable.
 */
export const DEFAULT_EMAIL_MODES: Readonly<Record<EmailCategory, EmailMode>> = {
  INVITATION: EmailMode.IMMEDIATE,
  PERSON_SPACE: EmailMode.IMMEDIATE,
  HANDOVERS: EmailMode.IMMEDIATE,
  ORIENTATIONS: EmailMode.IMMEDIATE,
  JOIN_REQUESTS: EmailMode.IMMEDIATE,
  RIGHTS_REQUESTS: EmailMode.IMMEDIATE,
  CASELOAD: EmailMode.IMMEDIATE,
  DIGEST: EmailMode.DIGEST,
};

/** The categories an account may configure (invitations always go). */
export const CONFIGURABLE_EMAIL_CATEGORIES: readonly EmailCategory[] = [
  'HANDOVERS',
  'ORIENTATIONS',
  'JOIN_REQUESTS',
  'RIGHTS_REQUESTS',
  'CASELOAD',
  'DIGEST',
];

/**
 * The mode that applies: the stored choice, or the category's default; invitations and the
 * person's space (link, sign-in codes: no account to configure) always go.
 */
export function effectiveMode(category: EmailCategory, stored?: EmailMode | null): EmailMode {
  if (category === 'INVITATION' || category === 'PERSON_SPACE') return EmailMode.IMMEDIATE;
  return stored ?? DEFAULT_EMAIL_MODES[category];
}
