import type { AudienceSpec } from './audience.js';
import { EventType } from './event-types.js';

/** A handover's state, as partners and inboxes receive it (ids and states only). */
export type HandoverPayload = {
  readonly handoverId: string;
  readonly personId: string;
  readonly fromStructureId: string | null;
  readonly toStructureId: string;
  readonly toAccountId: string | null;
  readonly status: 'PROPOSED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED';
};

export type HandoverAcceptedPayload = Omit<HandoverPayload, 'toAccountId' | 'status'> & {
  readonly newReferentAccountId: string;
  readonly status: 'ACCEPTED';
};

export type OrientationRequestedPayload = {
  readonly orientationRequestId: string;
  readonly personId: string;
  readonly orientationType: string;
  readonly status: 'PENDING';
};

export type OrientationDecidedPayload = Omit<OrientationRequestedPayload, 'status'> & {
  readonly status: 'ACCEPTED' | 'DENIED';
  /** Left out (not null) when an acceptance named no target. */
  readonly targetStructureId?: string | null;
  /** The handover proposed on acceptance; null when denied. */
  readonly handoverId: string | null;
};

export type JoinRequestedPayload = {
  readonly joinRequestId: string;
  readonly personId: string;
  readonly structureId: string;
};

export type JoinDecidedPayload = JoinRequestedPayload & { readonly status: string };

export type PersonArchivedPayload = { readonly personId: string; readonly status: 'ARCHIVED' };

/** A request the person made from their space about their rights (never its free text). */
export type RightsRequestedPayload = {
  readonly rightsRequestId: string;
  readonly personId: string;
  readonly kind: 'RECTIFICATION' | 'OBJECTION' | 'RESTRICTION';
  /** The date the answer is due (Europe/Paris), YYYY-MM-DD. */
  readonly dueOn: string;
  readonly status: 'PENDING';
};

/** The person's answer to an appointment from their space (issue 22). */
export type AppointmentAnsweredPayload = {
  readonly appointmentId: string;
  readonly personId: string;
  readonly presence: 'COMING' | 'NOT_COMING';
};

/** The payload of each type written to the outbox: what partners and inboxes receive. */
export interface OutboxPayloads {
  'appointment.answered': AppointmentAnsweredPayload;
  'handover.proposed': HandoverPayload;
  'handover.accepted': HandoverAcceptedPayload;
  'handover.declined': HandoverPayload;
  'handover.cancelled': HandoverPayload;
  'handover.expired': HandoverPayload;
  'orientation.requested': OrientationRequestedPayload;
  'orientation.accepted': OrientationDecidedPayload;
  'orientation.denied': OrientationDecidedPayload;
  'team.join_requested': JoinRequestedPayload;
  'team.join_accepted': JoinDecidedPayload;
  'team.join_declined': JoinDecidedPayload;
  'person.archived': PersonArchivedPayload;
  'rights.requested': RightsRequestedPayload;
}

/** The types written to the outbox (notified to inboxes, partners' feeds and webhooks). */
export type OutboxEventType = keyof OutboxPayloads;

/**
 * Who an outbox event is for: in words (DOMAIN.md's), and the parts of an `AudienceSpec` the
 * writer resolves it from (pathways' `resolveAudience`, through the memberships' and teams'
 * owners; for the archiving done by retention, its own statement).
 */
export interface EventAudience {
  readonly who: string;
  readonly from: readonly (keyof AudienceSpec)[];
}

export interface EventDefinition {
  /** Written to the file's timeline (shown on screen and in the RGPD export). */
  readonly timeline: boolean;
  /** Written to the outbox, with this audience; absent when the type is timeline-only. */
  readonly outbox?: EventAudience;
}

/** An outbox type must say its audience, and a timeline-only type must not: checked by tsc. */
type Catalogue = {
  readonly [T in EventType]: T extends OutboxEventType
    ? EventDefinition & { readonly outbox: EventAudience }
    : { readonly timeline: true; readonly outbox?: never };
};

const TIMELINE_ONLY = { timeline: true } as const;

/** The one catalogue: every event type, where it is written and, for the outbox, whom it tells. */
export const EVENT_CATALOGUE: Catalogue = {
  [EventType.PERSON_CREATED]: TIMELINE_ONLY,
  [EventType.PERSON_UPDATED]: TIMELINE_ONLY,
  [EventType.PERSON_ARCHIVED]: {
    timeline: true,
    outbox: { who: 'the person’s active team', from: ['teamOf'] },
  },
  [EventType.PROCESSING_LIMITS_UPDATED]: TIMELINE_ONLY,
  [EventType.PROJECT_UPDATED]: TIMELINE_ONLY,
  [EventType.OBSTACLE_ADDED]: TIMELINE_ONLY,
  [EventType.OBSTACLE_UPDATED]: TIMELINE_ONLY,
  [EventType.CONTRACT_ADDED]: TIMELINE_ONLY,
  [EventType.CONTRACT_UPDATED]: TIMELINE_ONLY,
  [EventType.GOAL_ADDED]: TIMELINE_ONLY,
  [EventType.GOAL_UPDATED]: TIMELINE_ONLY,
  [EventType.ACTION_ADDED]: TIMELINE_ONLY,
  [EventType.ACTION_UPDATED]: TIMELINE_ONLY,
  [EventType.APPOINTMENT_SCHEDULED]: TIMELINE_ONLY,
  [EventType.APPOINTMENT_UPDATED]: TIMELINE_ONLY,
  [EventType.APPOINTMENT_ANSWERED]: {
    timeline: true,
    outbox: {
      who: 'the person’s referent and the professional who made the appointment',
      from: ['accountIds'],
    },
  },
  [EventType.NOTE_ADDED]: TIMELINE_ONLY,
  [EventType.NOTE_EDITED]: TIMELINE_ONLY,
  [EventType.TEAM_JOINED]: TIMELINE_ONLY,
  [EventType.TEAM_LEFT]: TIMELINE_ONLY,
  [EventType.TEAM_ROLE_CHANGED]: TIMELINE_ONLY,
  [EventType.TEAM_JOIN_REQUESTED]: {
    timeline: true,
    outbox: {
      who: 'the person’s referent, or the territory’s orientation managers when there is none',
      from: ['accountIds', 'orientationManagersOf'],
    },
  },
  [EventType.TEAM_JOIN_ACCEPTED]: {
    timeline: false,
    outbox: { who: 'the caseworker who asked to join', from: ['accountIds'] },
  },
  [EventType.TEAM_JOIN_DECLINED]: {
    timeline: true,
    outbox: { who: 'the caseworker who asked to join', from: ['accountIds'] },
  },
  [EventType.ORIENTATION_REQUESTED]: {
    timeline: true,
    outbox: { who: 'the territory’s orientation managers', from: ['orientationManagersOf'] },
  },
  [EventType.ORIENTATION_DECIDED]: TIMELINE_ONLY,
  [EventType.ORIENTATION_ACCEPTED]: {
    timeline: true,
    outbox: { who: 'the caseworker who asked for the orientation', from: ['accountIds'] },
  },
  [EventType.ORIENTATION_DENIED]: {
    timeline: true,
    outbox: { who: 'the caseworker who asked for the orientation', from: ['accountIds'] },
  },
  [EventType.HANDOVER_PROPOSED]: {
    timeline: true,
    outbox: {
      who: 'the proposed receiver, the target structure’s admins and the territory’s orientation managers',
      from: ['accountIds', 'structureAdminsOf', 'orientationManagersOf'],
    },
  },
  [EventType.HANDOVER_ACCEPTED]: {
    timeline: true,
    outbox: {
      who: 'the proposer, the former and the new referent, and the person’s team after the change',
      from: ['accountIds', 'teamOf'],
    },
  },
  [EventType.HANDOVER_DECLINED]: {
    timeline: true,
    outbox: { who: 'the proposer and the referent who handed over', from: ['accountIds'] },
  },
  [EventType.HANDOVER_CANCELLED]: {
    timeline: true,
    outbox: {
      who: 'the proposed receiver and the target structure’s admins',
      from: ['accountIds', 'structureAdminsOf'],
    },
  },
  [EventType.HANDOVER_EXPIRED]: {
    timeline: true,
    outbox: {
      who: 'the proposer and the target structure’s admins',
      from: ['accountIds', 'structureAdminsOf'],
    },
  },
  [EventType.FILE_EXPORTED]: TIMELINE_ONLY,
  [EventType.PERSON_SPACE_INVITED]: TIMELINE_ONLY,
  [EventType.PERSON_SPACE_REVOKED]: TIMELINE_ONLY,
  [EventType.RIGHTS_REQUESTED]: {
    timeline: true,
    outbox: { who: 'the person’s referent', from: ['accountIds'] },
  },
  [EventType.RIGHTS_REQUEST_ANSWERED]: TIMELINE_ONLY,
};
