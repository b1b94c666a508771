import { fileURLToPath } from 'node:url';
import type { EntityManager } from 'typeorm';
import { EVENT_CATALOGUE } from './event-catalogue.js';
import { EVENT_TYPE_LABELS, EVENT_TYPES, EventType, eventTypeLabel } from './event-types.js';
import { writeOutbox } from './outbox.writer.js';

/** A module of the repository, loaded at run time (so the events lib's types never depend on it). */
async function load<T>(path: string): Promise<T> {
  return (await import(fileURLToPath(new URL(`../../../${path}`, import.meta.url)))) as T;
}

describe('the event catalogue', () => {
  it('gives every catalogued type a French label, and labels nothing else', () => {
    const unlabelled = EVENT_TYPES.filter((type) => !EVENT_TYPE_LABELS[type]?.trim());
    expect(unlabelled).toEqual([]);
    expect(Object.keys(EVENT_TYPE_LABELS).sort()).toEqual([...EVENT_TYPES].sort());
    expect(new Set(Object.values(EVENT_TYPE_LABELS)).size).toBe(EVENT_TYPES.length);
  });

  it('names each type once, as `<family>.<verb>` within the 60 characters of its columns', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(Math.max(...EVENT_TYPES.map((type) => type.length))).toBeLessThanOrEqual(60);
  });

  it('keeps the strings stored and sent to partners', () => {
    expect(EventType.HANDOVER_PROPOSED).toBe('handover.proposed');
    expect(EventType.TEAM_JOIN_REQUESTED).toBe('team.join_requested');
    expect(EventType.PROCESSING_LIMITS_UPDATED).toBe('processing_limits.updated');
    expect(EventType.FILE_EXPORTED).toBe('file.exported');
  });

  it('says for every outbox type whom it tells, and describes every type', () => {
    expect(Object.keys(EVENT_CATALOGUE).sort()).toEqual([...EVENT_TYPES].sort());
    const outbox = EVENT_TYPES.filter((type) => EVENT_CATALOGUE[type].outbox);
    expect(outbox.sort()).toEqual(
      [
        'appointment.answered',
        'handover.accepted',
        'handover.cancelled',
        'handover.declined',
        'handover.expired',
        'handover.proposed',
        'orientation.accepted',
        'orientation.denied',
        'orientation.requested',
        'person.archived',
        'rights.requested',
        'team.join_accepted',
        'team.join_declined',
        'team.join_requested',
      ].sort(),
    );
    for (const type of outbox) {
      expect(EVENT_CATALOGUE[type].outbox?.from.length).toBeGreaterThan(0);
      expect(EVENT_CATALOGUE[type].outbox?.who).toMatch(/\w/);
    }
  });

  it('shows a type this version does not know as it is', () => {
    expect(eventTypeLabel('handover.teleported')).toBe('handover.teleported');
    expect(eventTypeLabel(EventType.NOTE_ADDED)).toBe('Note ajoutée');
  });
});

describe('one French label table for the timeline, the notifications and the RGPD export', () => {
  it('gives the web client and the export the same label for every type', async () => {
    const web = await load<{ eventLabel(type: string): string }>('apps/web/src/person/labels.ts');
    const webEvents = await load<{ eventTypeLabel(type: string): string }>(
      'apps/web/src/api/event-types.ts',
    );
    const exported = await load<{ timelineLabel(type: string): string }>(
      'libs/pathways/src/export/file-export.labels.ts',
    );
    for (const type of EVENT_TYPES) {
      const labels = {
        timeline: web.eventLabel(type),
        notifications: webEvents.eventTypeLabel(type),
        export: exported.timelineLabel(type),
      };
      const label = EVENT_TYPE_LABELS[type];
      expect({ type, ...labels }).toEqual({
        type,
        timeline: label,
        notifications: label,
        export: label,
      });
    }
  });
});

/**
 * Compiled by `tsc -p tsconfig.json`, never run: the writer refuses a type outside the catalogue
 * and a payload that is not its type's (each `@ts-expect-error` fails the build if it compiles).
 */
export function outboxWriterRefusesUncataloguedEvents(manager: EntityManager): unknown[] {
  const actor = { accountId: null, membershipId: null };
  return [
    // @ts-expect-error: not a catalogued outbox type
    writeOutbox(manager, { type: 'handover.lost', territoryId: 't', actor, payload: {} }),
    // @ts-expect-error: a timeline-only type is not written to the outbox
    writeOutbox(manager, { type: EventType.NOTE_ADDED, territoryId: 't', actor, payload: {} }),
    writeOutbox(manager, {
      type: EventType.TEAM_JOIN_REQUESTED,
      territoryId: 't',
      actor,
      // @ts-expect-error: a join request's payload names the request
      payload: { personId: 'p', structureId: 's' },
    }),
    writeOutbox(manager, {
      type: EventType.PERSON_ARCHIVED,
      territoryId: 't',
      actor,
      // @ts-expect-error: an archived file's status is ARCHIVED
      payload: { personId: 'p', status: 'ACTIVE' },
    }),
  ];
}
