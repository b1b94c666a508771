import { shortPersonName, type EmailKind, type EmailMessage, relaisLink } from './email-message.js';

/**
 * Sample data for every kind of email: the unit test renders each one, the bench times them, and
 * the mapped type makes a new kind without a sample fail to compile.
 */
export type EmailSamples = {
  readonly [K in EmailKind]: readonly Extract<EmailMessage, { kind: K }>[];
};

const BASE = 'https://relais.example.gouv.fr';
const awa = shortPersonName({ givenName: 'Awa', familyName: 'Diallo' });
const unsubscribe = (category: string, label: string) => ({
  categoryLabel: label,
  url: relaisLink(BASE, `/desabonnement?categorie=${category}&jeton=abc.def`),
});
const referent = { name: 'Claire Martin', structureName: 'France Travail Nantes Est' };

export const EMAIL_SAMPLES: EmailSamples = {
  INVITATION: [
    {
      kind: 'INVITATION',
      recipientFirstName: 'Karim',
      inviterName: 'Sophie Bernard',
      structureName: 'Mission locale Nantes',
      roleLabel: 'Conseiller',
      links: {
        signIn: relaisLink(BASE, '/connexion?invitation=inv-1'),
        devSignIn: 'http://localhost:3000/dev/connexion?compte=karim&suite=%2F',
      },
    },
    {
      kind: 'INVITATION',
      recipientFirstName: 'Karim',
      inviterName: 'Sophie Bernard',
      structureName: 'Mission locale Nantes',
      roleLabel: 'Administrateur de structure',
      links: { signIn: relaisLink(BASE, '/connexion?invitation=inv-2') },
    },
  ],
  HANDOVER_PROPOSED: [
    {
      kind: 'HANDOVER_PROPOSED',
      recipientFirstName: 'Sophie',
      recipientRole: 'STRUCTURE_ADMIN',
      proposer: referent,
      person: awa,
      targetStructureName: 'Mission locale Nantes',
      reasonLabel: 'Projet professionnel',
      deadline: new Date('2026-12-12T17:00:00Z'),
      links: { handover: relaisLink(BASE, '/transferts/h-1') },
      unsubscribe: unsubscribe('HANDOVERS', 'Transferts'),
    },
    {
      kind: 'HANDOVER_PROPOSED',
      recipientFirstName: 'Karim',
      recipientRole: 'NAMED_PROFESSIONAL',
      proposer: referent,
      person: awa,
      targetStructureName: 'Mission locale Nantes',
      reasonLabel: 'Déménagement',
      deadline: new Date('2026-12-12T17:00:00Z'),
      links: { handover: relaisLink(BASE, '/transferts/h-1') },
    },
  ],
  HANDOVER_ANSWERED: (['ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED'] as const).map((outcome) => ({
    kind: 'HANDOVER_ANSWERED',
    recipientFirstName: 'Claire',
    outcome,
    answeredBy:
      outcome === 'EXPIRED'
        ? null
        : { name: 'Sophie Bernard', structureName: 'Mission locale Nantes' },
    person: awa,
    targetStructureName: 'Mission locale Nantes',
    links: { handover: relaisLink(BASE, `/transferts/h-${outcome.toLowerCase()}`) },
    unsubscribe: unsubscribe('HANDOVERS', 'Transferts'),
  })),
  ORIENTATION_DECIDED: (['ACCEPTED', 'DENIED'] as const).map((decision) => ({
    kind: 'ORIENTATION_DECIDED',
    recipientFirstName: 'Claire',
    decision,
    decidedBy: { name: 'Sophie Bernard', structureName: 'Mission locale Nantes' },
    person: awa,
    structureName: 'Mission locale Nantes',
    links: { orientation: relaisLink(BASE, `/orientations/o-${decision.toLowerCase()}`) },
    unsubscribe: unsubscribe('ORIENTATIONS', 'Orientations'),
  })),
  JOIN_REQUESTED: [
    {
      kind: 'JOIN_REQUESTED',
      recipientFirstName: 'Claire',
      requester: { name: 'Karim Haddad', structureName: 'CCAS de Nantes' },
      person: awa,
      links: { requests: relaisLink(BASE, '/demandes?statut=a-decider') },
      unsubscribe: unsubscribe('JOIN_REQUESTS', 'Demandes pour rejoindre une équipe'),
    },
  ],
  JOIN_DECIDED: [
    {
      kind: 'JOIN_DECIDED',
      recipientFirstName: 'Karim',
      decision: 'ACCEPTED',
      person: awa,
      links: { destination: relaisLink(BASE, '/personnes/p-1') },
    },
    {
      kind: 'JOIN_DECIDED',
      recipientFirstName: 'Karim',
      decision: 'DECLINED',
      person: awa,
      links: { destination: relaisLink(BASE, '/demandes?mes-demandes=1') },
      unsubscribe: unsubscribe('JOIN_REQUESTS', 'Demandes pour rejoindre une équipe'),
    },
  ],
  CASELOAD_ENTERED: (['REFERENT', 'FOLLOWER'] as const).map((role) => ({
    kind: 'CASELOAD_ENTERED',
    recipientFirstName: 'Sophie',
    role,
    person: awa,
    links: { file: relaisLink(BASE, `/personnes/p-1?role=${role}`) },
    unsubscribe: unsubscribe('CASELOAD', 'File active'),
  })),
  DAILY_DIGEST: [
    {
      kind: 'DAILY_DIGEST',
      recipientFirstName: 'Sophie',
      composedAt: new Date('2026-12-07T06:00:00Z'),
      notifications: [
        {
          type: 'handover.proposed',
          actor: referent,
          person: awa,
          occurredAt: new Date('2026-12-06T10:00:00Z'),
          url: relaisLink(BASE, '/transferts/h-1'),
        },
        {
          type: 'team.join_requested',
          actor: { name: 'Karim Haddad', structureName: null },
          person: shortPersonName({ givenName: 'Jean', familyName: 'Lefèvre' }),
          occurredAt: new Date('2026-12-06T11:00:00Z'),
          url: relaisLink(BASE, '/demandes?statut=a-decider'),
        },
        {
          type: 'handover.expired',
          actor: null,
          person: null,
          occurredAt: new Date('2026-12-06T12:00:00Z'),
          url: relaisLink(BASE, '/transferts/h-2'),
        },
      ],
      unassigned: [
        {
          structureName: 'Mission locale Nantes',
          people: [
            { person: awa, orientedAt: new Date('2026-12-04T09:00:00Z') },
            {
              person: shortPersonName({ givenName: 'Élodie', familyName: 'Éric' }),
              orientedAt: new Date('2026-12-06T20:00:00Z'),
            },
          ],
          more: 3,
        },
      ],
      links: {
        inbox: relaisLink(BASE, '/notifications'),
        incomingHandovers: relaisLink(BASE, '/passages'),
      },
      unsubscribe: unsubscribe('DIGEST', 'Récapitulatif quotidien'),
    },
    {
      kind: 'DAILY_DIGEST',
      recipientFirstName: 'Karim',
      composedAt: new Date('2026-12-07T06:00:00Z'),
      notifications: [
        {
          type: 'orientation.accepted',
          actor: null,
          person: awa,
          occurredAt: new Date('2026-12-06T10:00:00Z'),
          url: relaisLink(BASE, '/orientations/o-1'),
        },
      ],
      moreNotifications: 12,
      unassigned: [],
      links: { inbox: relaisLink(BASE, '/notifications') },
    },
  ],
  PERSON_SPACE_INVITATION: [
    {
      kind: 'PERSON_SPACE_INVITATION',
      recipientFirstName: 'Awa',
      invitedBy: referent,
      expiresAt: new Date('2026-12-14T10:30:00Z'),
      secret: { link: relaisLink(BASE, '/mon-espace/lien#abcdefghijklmnop') },
    },
  ],
  APPOINTMENT_REMINDER: [
    {
      kind: 'APPOINTMENT_REMINDER',
      recipientFirstName: 'Awa',
      when: 'TWO_DAYS_BEFORE',
      startsAt: new Date('2026-12-10T13:30:00Z'),
      durationMinutes: 45,
      withWhom: 'Claire Moreau',
      location: 'Maison des solidarités, 12 rue Voltaire, Lyon',
      remote: false,
      links: { space: relaisLink(BASE, '/mon-espace') },
    },
    {
      kind: 'APPOINTMENT_REMINDER',
      recipientFirstName: 'Awa',
      when: 'SAME_DAY',
      startsAt: new Date('2026-12-10T08:00:00Z'),
      durationMinutes: 30,
      withWhom: 'Claire Moreau',
      location: null,
      remote: true,
      links: { space: relaisLink(BASE, '/mon-espace') },
    },
  ],
  PERSON_SIGN_IN_CODE: [
    {
      kind: 'PERSON_SIGN_IN_CODE',
      recipientFirstName: 'Awa',
      validMinutes: 10,
      links: { signIn: relaisLink(BASE, '/mon-espace/connexion') },
      secret: { code: '042917' },
    },
  ],
  RIGHTS_REQUESTED: [
    {
      kind: 'RIGHTS_REQUESTED',
      recipientFirstName: 'Claire',
      person: awa,
      requestKind: 'RECTIFICATION',
      dueOn: '2027-01-07',
      links: { file: relaisLink(BASE, '/personnes/p-1') },
      unsubscribe: unsubscribe('RIGHTS_REQUESTS', 'Demandes des personnes sur leurs droits'),
    },
  ],
  RIGHTS_REQUEST_ANSWERED: [
    {
      kind: 'RIGHTS_REQUEST_ANSWERED',
      recipientFirstName: 'Awa',
      links: { space: relaisLink(BASE, '/mon-espace') },
    },
  ],
};

/** Every sample, in kind order. */
export function allEmailSamples(): EmailMessage[] {
  return Object.values(EMAIL_SAMPLES).flat();
}
