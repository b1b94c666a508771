import type { DigestNotificationRow, UnassignedRow } from '@relais/read-models';
import {
  composeDigest,
  digestPath,
  MAX_DIGEST_NOTIFICATIONS,
  MAX_UNASSIGNED_PER_STRUCTURE,
  parisDay,
} from './daily-digest.compose.js';

const row = (overrides: Partial<DigestNotificationRow> = {}): DigestNotificationRow => ({
  accountId: 'a-1',
  eventId: 'e-1',
  type: 'handover.proposed',
  createdAt: new Date('2026-12-06T10:00:00Z'),
  payload: { handoverId: 'h-1', personId: 'p-1' },
  personId: 'p-1',
  personName: { givenName: 'Awa', familyName: 'Diallo' },
  actorName: 'Claire Martin',
  actorStructureName: 'France Travail',
  ...overrides,
});

const waiting = (i: number, structureId = 's-1'): UnassignedRow => ({
  accountId: 'a-1',
  structureId,
  structureName: structureId === 's-1' ? 'Mission locale' : 'Cap emploi',
  handoverId: `h-${i}`,
  givenName: `Personne${i}`,
  familyName: 'Martin',
  orientedAt: new Date('2026-12-01T10:00:00Z'),
});

describe('composing a daily digest', () => {
  const base = {
    recipientFirstName: 'Karim',
    composedAt: new Date('2026-12-07T06:00:00Z'),
    publicUrl: 'https://relais.example.gouv.fr/app',
  };

  it('links each notification to its screen, and names nobody to a recipient who left the territory', () => {
    expect(digestPath(row())).toBe('/passages/h-1');
    expect(digestPath(row({ type: 'team.join_requested', payload: { joinRequestId: 'j' } }))).toBe(
      '/demandes',
    );
    expect(digestPath(row({ type: 'person.archived', payload: {} }))).toBe('/personnes/p-1');
    expect(digestPath(row({ type: 'person.archived', payload: {}, personName: null }))).toBe(
      '/notifications',
    );
    const digest = composeDigest({
      ...base,
      notifications: [row({ personName: null })],
      unassigned: [],
    });
    expect(digest?.notifications[0]).toMatchObject({
      person: null,
      url: 'https://relais.example.gouv.fr/app/passages/h-1',
    });
    expect(digest?.links).toEqual({ inbox: 'https://relais.example.gouv.fr/app/notifications' });
  });

  it('lists a bounded number of lines and counts the rest, by structure for the people waiting', () => {
    const many = Array.from({ length: MAX_DIGEST_NOTIFICATIONS + 4 }, (_, i) =>
      row({ eventId: `e-${i}` }),
    );
    const people = [
      ...Array.from({ length: MAX_UNASSIGNED_PER_STRUCTURE + 2 }, (_, i) => waiting(i)),
      waiting(99, 's-2'),
    ];
    const digest = composeDigest({ ...base, notifications: many, unassigned: people });
    expect(digest?.notifications).toHaveLength(MAX_DIGEST_NOTIFICATIONS);
    expect(digest?.moreNotifications).toBe(4);
    expect(digest?.unassigned.map((g) => [g.structureName, g.people.length, g.more])).toEqual([
      ['Mission locale', MAX_UNASSIGNED_PER_STRUCTURE, 2],
      ['Cap emploi', 1, 0],
    ]);
    expect(digest?.unassigned[0].people[0].person).toEqual({
      firstName: 'Personne0',
      initial: 'M',
    });
    expect(digest?.links.incomingHandovers).toBe('https://relais.example.gouv.fr/app/passages');
  });

  it('has nothing to send when nothing is left to tell', () => {
    expect(composeDigest({ ...base, notifications: [], unassigned: [] })).toBeNull();
  });

  it('keys a digest by the day in Paris, not in UTC', () => {
    expect(parisDay(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    expect(parisDay(new Date('2026-07-06T21:59:00Z'))).toBe('2026-07-06');
    expect(parisDay(new Date('2026-07-06T22:00:00Z'))).toBe('2026-07-07');
  });
});
