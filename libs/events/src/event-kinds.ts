// The kinds of a file's timeline, for its filter: each event type belongs to one kind. A module
// with no imports but the event types, so the web client loads it by relative path, as those.
import { type EventType, isEventType } from './event-types.js';

/** The kinds a timeline can be filtered by; the key is the GraphQL enum value. */
export const TimelineKind = {
  IDENTITY: 'IDENTITY',
  PROJECT: 'PROJECT',
  PLAN: 'PLAN',
  APPOINTMENT: 'APPOINTMENT',
  NOTE: 'NOTE',
  TEAM: 'TEAM',
  HANDOVER: 'HANDOVER',
} as const;

export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind];

/** The kinds in the order the filter lists them. */
export const TIMELINE_KINDS: readonly TimelineKind[] = Object.values(TimelineKind);

/** What each kind is called on screen, in French. */
export const TIMELINE_KIND_LABELS: Readonly<Record<TimelineKind, string>> = {
  IDENTITY: 'Identité, droits et RGPD',
  PROJECT: 'Projet et freins',
  PLAN: 'Contrats, objectifs et actions',
  APPOINTMENT: 'Rendez-vous',
  NOTE: 'Notes',
  TEAM: 'Équipe de suivi',
  HANDOVER: 'Orientations et passages de relais',
};

/** The kind of each event type, by the type's first word. */
const KIND_OF_DOMAIN: Readonly<Record<string, TimelineKind>> = {
  person: 'IDENTITY',
  processing_limits: 'IDENTITY',
  file: 'IDENTITY',
  rights: 'IDENTITY',
  project: 'PROJECT',
  obstacle: 'PROJECT',
  contract: 'PLAN',
  goal: 'PLAN',
  action: 'PLAN',
  appointment: 'APPOINTMENT',
  note: 'NOTE',
  team: 'TEAM',
  orientation: 'HANDOVER',
  handover: 'HANDOVER',
};

/** The kind of a stored type; null for a type this version does not know. */
export function timelineKindOf(type: string): TimelineKind | null {
  if (!isEventType(type)) return null;
  return KIND_OF_DOMAIN[type.slice(0, type.indexOf('.'))] ?? null;
}

/** The stored types of the given kinds, for the timeline's filter. */
export function eventTypesOfKinds(
  types: readonly EventType[],
  kinds: readonly TimelineKind[],
): EventType[] {
  return types.filter((type) => {
    const kind = timelineKindOf(type);
    return kind !== null && kinds.includes(kind);
  });
}
