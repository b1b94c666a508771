/**
 * Every email Relais sends, as typed data: one variant per kind, each with exactly what its template
 * shows. Nothing sensitive has a field here: a person is a first name and an initial ("Awa D."),
 * never a family name, NIR, birth date or free-text reason, so no template can leak one.
 */

/** A person as an email may show them: first name and the initial of the family name. */
export interface ShortPersonName {
  readonly firstName: string;
  /** One capital letter, or empty when the family name is unknown. */
  readonly initial: string;
}

/** Someone who acted, with the structure they acted for when there is one. */
export interface EmailActor {
  readonly name: string;
  readonly structureName: string | null;
}

/** The one-click way out of this category of emails (RFC 8058), built and signed by the sender. */
export interface EmailUnsubscribe {
  /** The category as the preferences page names it ("Transferts"). */
  readonly categoryLabel: string;
  readonly url: string;
}

interface EmailBase {
  readonly recipientFirstName: string;
  readonly unsubscribe?: EmailUnsubscribe;
}

export interface InvitationEmail extends EmailBase {
  readonly kind: 'INVITATION';
  readonly inviterName: string;
  readonly structureName: string;
  /** The role as the interface names it ("Conseiller·ère"). */
  readonly roleLabel: string;
  readonly links: { readonly signIn: string; readonly devSignIn?: string };
}

export interface HandoverProposedEmail extends EmailBase {
  readonly kind: 'HANDOVER_PROPOSED';
  /** Why this recipient: they administer the target structure, or the proposal names them. */
  readonly recipientRole: 'STRUCTURE_ADMIN' | 'NAMED_PROFESSIONAL';
  readonly proposer: EmailActor;
  readonly person: ShortPersonName;
  readonly targetStructureName: string;
  /** The reason's category label only: the free-text reason may hold sensitive data. */
  readonly reasonLabel: string;
  readonly deadline: Date;
  readonly links: { readonly handover: string };
}

export type HandoverOutcome = 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'CANCELLED';

export interface HandoverAnsweredEmail extends EmailBase {
  readonly kind: 'HANDOVER_ANSWERED';
  readonly outcome: HandoverOutcome;
  /** Who answered; null when the proposal expired. */
  readonly answeredBy: EmailActor | null;
  readonly person: ShortPersonName;
  readonly targetStructureName: string;
  readonly links: { readonly handover: string };
}

export interface OrientationDecidedEmail extends EmailBase {
  readonly kind: 'ORIENTATION_DECIDED';
  readonly decision: 'ACCEPTED' | 'DENIED';
  readonly decidedBy: EmailActor | null;
  readonly person: ShortPersonName;
  /** The structure the person was oriented to. */
  readonly structureName: string;
  readonly links: { readonly orientation: string };
}

export interface JoinRequestedEmail extends EmailBase {
  readonly kind: 'JOIN_REQUESTED';
  readonly requester: EmailActor;
  readonly person: ShortPersonName;
  /** The requests waiting for the referent's decision. */
  readonly links: { readonly requests: string };
}

export interface JoinDecidedEmail extends EmailBase {
  readonly kind: 'JOIN_DECIDED';
  readonly decision: 'ACCEPTED' | 'DECLINED';
  readonly person: ShortPersonName;
  /** The file when accepted, the requester's requests when declined. */
  readonly links: { readonly destination: string };
}

export interface CaseloadEnteredEmail extends EmailBase {
  readonly kind: 'CASELOAD_ENTERED';
  readonly role: 'REFERENT' | 'FOLLOWER';
  readonly person: ShortPersonName;
  readonly links: { readonly file: string };
}

/** The inbox notifications a digest retells, one sentence each. */
export type DigestNotificationType =
  | 'handover.proposed'
  | 'handover.accepted'
  | 'handover.declined'
  | 'handover.cancelled'
  | 'handover.expired'
  | 'orientation.requested'
  | 'orientation.accepted'
  | 'orientation.denied'
  | 'team.join_requested'
  | 'team.join_accepted'
  | 'team.join_declined'
  | 'person.archived'
  | 'rights.requested';

export interface DigestNotification {
  readonly type: DigestNotificationType;
  readonly actor: EmailActor | null;
  readonly person: ShortPersonName | null;
  readonly occurredAt: Date;
  /** The exact screen the notification leads to. */
  readonly url: string;
}

/** A person oriented to a structure the recipient administers, still without a referent. */
export interface UnassignedPerson {
  readonly person: ShortPersonName;
  readonly orientedAt: Date;
}

export interface UnassignedGroup {
  readonly structureName: string;
  /** The longest waiting first; at most a few dozen, the others counted in `more`. */
  readonly people: readonly UnassignedPerson[];
  /** How many more wait there beyond those listed (0 when all are). */
  readonly more?: number;
}

export interface DailyDigestEmail extends EmailBase {
  readonly kind: 'DAILY_DIGEST';
  /** When the digest was composed: its date and the waiting times are counted from it. */
  readonly composedAt: Date;
  readonly notifications: readonly DigestNotification[];
  /** How many more unread notifications beyond those listed (0 when all are). */
  readonly moreNotifications?: number;
  /** Only for structure admins; empty otherwise. */
  readonly unassigned: readonly UnassignedGroup[];
  /** The inbox; for structure admins, the handovers their structures received. */
  readonly links: { readonly inbox: string; readonly incomingHandovers?: string };
}

/**
 * The invitation of a followed person to their personal space (issue 22), by their referent.
 * The person has no account: the one-time link is the credential, kept under `secret` only
 * until the email is sent (the delivery row drops it then).
 */
export interface PersonSpaceInvitationEmail extends EmailBase {
  readonly kind: 'PERSON_SPACE_INVITATION';
  /** The professional who invited them, and their structure. */
  readonly invitedBy: EmailActor;
  /** When the link stops working. */
  readonly expiresAt: Date;
  readonly secret: { readonly link: string };
}

/** A code to sign in to the personal space, asked for by the person (issue 22). */
export interface PersonSignInCodeEmail extends EmailBase {
  readonly kind: 'PERSON_SIGN_IN_CODE';
  readonly validMinutes: number;
  /** The page where the code is typed (the code itself is never in a link). */
  readonly links: { readonly signIn: string };
  readonly secret: { readonly code: string };
}

/**
 * A reminder of an appointment to the person (issue 22): two days before, or the same morning.
 * When, how long, with whom, where or « par téléphone »: nothing else of their file.
 */
export interface AppointmentReminderEmail extends EmailBase {
  readonly kind: 'APPOINTMENT_REMINDER';
  readonly when: 'TWO_DAYS_BEFORE' | 'SAME_DAY';
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly withWhom: string;
  /** Null for a remote appointment. */
  readonly location: string | null;
  readonly remote: boolean;
  /** The person's space, where they say whether they will come. */
  readonly links: { readonly space: string };
}

/**
 * A followed person asked their referent something about their rights from their space (issue
 * 22): to answer within a month. The person's words stay in Relais.
 */
export interface RightsRequestedEmail extends EmailBase {
  readonly kind: 'RIGHTS_REQUESTED';
  readonly person: ShortPersonName;
  readonly requestKind: 'RECTIFICATION' | 'OBJECTION' | 'RESTRICTION';
  /** The date the answer is due (Europe/Paris), YYYY-MM-DD. */
  readonly dueOn: string;
  readonly links: { readonly file: string };
}

/** Tells the person their request was answered (issue 22): no details, a link to their space. */
export interface RightsRequestAnsweredEmail extends EmailBase {
  readonly kind: 'RIGHTS_REQUEST_ANSWERED';
  readonly links: { readonly space: string };
}

export type EmailMessage =
  | AppointmentReminderEmail
  | InvitationEmail
  | PersonSpaceInvitationEmail
  | PersonSignInCodeEmail
  | RightsRequestedEmail
  | RightsRequestAnsweredEmail
  | HandoverProposedEmail
  | HandoverAnsweredEmail
  | OrientationDecidedEmail
  | JoinRequestedEmail
  | JoinDecidedEmail
  | CaseloadEnteredEmail
  | DailyDigestEmail;

export type EmailKind = EmailMessage['kind'];

/** What a recipient chooses to receive immediately, in the digest or never (invitations and the person’s space always go). */
export type EmailCategory =
  | 'INVITATION'
  | 'PERSON_SPACE'
  | 'HANDOVERS'
  | 'ORIENTATIONS'
  | 'JOIN_REQUESTS'
  | 'RIGHTS_REQUESTS'
  | 'CASELOAD'
  | 'DIGEST';

export const EMAIL_CATEGORY_BY_KIND: Readonly<Record<EmailKind, EmailCategory>> = {
  INVITATION: 'INVITATION',
  PERSON_SPACE_INVITATION: 'PERSON_SPACE',
  PERSON_SIGN_IN_CODE: 'PERSON_SPACE',
  APPOINTMENT_REMINDER: 'PERSON_SPACE',
  HANDOVER_PROPOSED: 'HANDOVERS',
  HANDOVER_ANSWERED: 'HANDOVERS',
  ORIENTATION_DECIDED: 'ORIENTATIONS',
  JOIN_REQUESTED: 'JOIN_REQUESTS',
  JOIN_DECIDED: 'JOIN_REQUESTS',
  RIGHTS_REQUESTED: 'RIGHTS_REQUESTS',
  RIGHTS_REQUEST_ANSWERED: 'PERSON_SPACE',
  CASELOAD_ENTERED: 'CASELOAD',
  DAILY_DIGEST: 'DIGEST',
};

/**
 * A rendered template: subject, both parts, and its category for preferences. (The sender's
 * `RenderedEmail` is what it sends: the same parts with headers.)
 */
export interface RenderedTemplate {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly category: EmailCategory;
}

/** The short name of a person: the family name is reduced to its initial here, before any template. */
export function shortPersonName(person: {
  readonly givenName: string;
  readonly familyName: string;
}): ShortPersonName {
  const first = [...person.familyName.trim()][0];
  return {
    firstName: person.givenName.trim(),
    initial: first === undefined ? '' : first.toLocaleUpperCase('fr-FR'),
  };
}

/** "Awa D.", or "Awa" without a family name. */
export function formatShortName(person: ShortPersonName): string {
  return person.initial === '' ? person.firstName : `${person.firstName} ${person.initial}.`;
}

/**
 * An absolute link to a screen of the web client: `baseUrl` is the public address of Relais (it may
 * have a path prefix, kept), `path` the screen's path with its query.
 */
export function relaisLink(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    // A configuration mistake, not a user's: the sender's config validation should have caught it.
    throw new Error(`The public URL of Relais must be http(s), got ${base.protocol}`);
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  // One leading slash only: "//elsewhere.example" must not become another host.
  const relative = `/${path.replace(/^\/+/, '')}`;
  return new URL(`${prefix}${relative}`, base.origin).toString();
}
