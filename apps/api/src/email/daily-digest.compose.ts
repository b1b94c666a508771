import {
  type DailyDigestEmail,
  type DigestNotification,
  type DigestNotificationType,
  type EmailCategory,
  relaisLink,
  shortPersonName,
  type UnassignedGroup,
} from '@relais/notifications';
import type { DigestNotificationRow, UnassignedRow } from '@relais/read-models';

/** The inbox notifications a digest retells, with the preference category each belongs to. */
export const DIGEST_CATEGORY_BY_TYPE: Readonly<Record<DigestNotificationType, EmailCategory>> = {
  'handover.proposed': 'HANDOVERS',
  'handover.accepted': 'HANDOVERS',
  'handover.declined': 'HANDOVERS',
  'handover.cancelled': 'HANDOVERS',
  'handover.expired': 'HANDOVERS',
  'orientation.requested': 'ORIENTATIONS',
  'orientation.accepted': 'ORIENTATIONS',
  'orientation.denied': 'ORIENTATIONS',
  'team.join_requested': 'JOIN_REQUESTS',
  'team.join_accepted': 'JOIN_REQUESTS',
  'team.join_declined': 'JOIN_REQUESTS',
  'person.archived': 'CASELOAD',
  'rights.requested': 'RIGHTS_REQUESTS',
};

export const DIGEST_NOTIFICATION_TYPES = Object.keys(
  DIGEST_CATEGORY_BY_TYPE,
) as DigestNotificationType[];

/** Lines listed in one digest; beyond, a count ("et 12 autres"), so a campaign day stays readable. */
export const MAX_DIGEST_NOTIFICATIONS = 30;
export const MAX_UNASSIGNED_PER_STRUCTURE = 30;

/** The screen a notification leads to, as the inbox links it. */
export function digestPath(row: DigestNotificationRow): string {
  const id = (key: string): string | null => {
    const value = row.payload[key];
    return typeof value === 'string' ? value : null;
  };
  const handoverId = id('handoverId');
  if (handoverId) return `/passages/${encodeURIComponent(handoverId)}`;
  if (row.type === 'team.join_requested' || row.type === 'team.join_declined') return '/demandes';
  // The file only while the recipient still works in the person's territory.
  if (row.personId && row.personName) return `/personnes/${encodeURIComponent(row.personId)}`;
  return '/notifications';
}

/** One recipient's digest, or null when nothing is left to tell. */
export function composeDigest(input: {
  readonly recipientFirstName: string;
  readonly composedAt: Date;
  readonly publicUrl: string;
  readonly notifications: readonly DigestNotificationRow[];
  readonly unassigned: readonly UnassignedRow[];
}): Omit<DailyDigestEmail, 'unsubscribe'> | null {
  const { publicUrl, notifications, unassigned } = input;
  if (notifications.length === 0 && unassigned.length === 0) return null;
  const listed: DigestNotification[] = notifications
    .slice(0, MAX_DIGEST_NOTIFICATIONS)
    .map((row) => ({
      type: row.type as DigestNotificationType,
      actor:
        row.actorName === null
          ? null
          : { name: row.actorName, structureName: row.actorStructureName },
      person: row.personName ? shortPersonName(row.personName) : null,
      occurredAt: row.createdAt,
      url: relaisLink(publicUrl, digestPath(row)),
    }));
  const groups = new Map<string, { name: string; rows: UnassignedRow[] }>();
  for (const row of unassigned) {
    const group = groups.get(row.structureId) ?? { name: row.structureName, rows: [] };
    group.rows.push(row);
    groups.set(row.structureId, group);
  }
  const unassignedGroups: UnassignedGroup[] = [...groups.values()].map((group) => ({
    structureName: group.name,
    people: group.rows.slice(0, MAX_UNASSIGNED_PER_STRUCTURE).map((row) => ({
      person: shortPersonName(row),
      orientedAt: row.orientedAt,
    })),
    more: Math.max(0, group.rows.length - MAX_UNASSIGNED_PER_STRUCTURE),
  }));
  return {
    kind: 'DAILY_DIGEST',
    recipientFirstName: input.recipientFirstName,
    composedAt: input.composedAt,
    notifications: listed,
    moreNotifications: Math.max(0, notifications.length - MAX_DIGEST_NOTIFICATIONS),
    unassigned: unassignedGroups,
    links: {
      inbox: relaisLink(publicUrl, '/notifications'),
      ...(unassignedGroups.length > 0
        ? { incomingHandovers: relaisLink(publicUrl, '/passages') }
        : {}),
    },
  };
}

/** The day of `at` in Paris (YYYY-MM-DD): a digest's dedupe key, one per account and day. */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
