// Serves the home, "À traiter" (Query.myWork) and the counts on the navigation: what waits on the
// signed-in professional, section by section, in one SQL statement.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import { preparedQuery } from '@relais/database';
import { Role } from '@relais/identity';
import { type PersonSummaryView, type SummaryRow, summaryOf } from '@relais/pathways';
import { ADMIN_MEMBERSHIP, UNASSIGNED_JOIN } from './daily-digest.read-model.js';
import { ACCOUNT_NAME } from './handover-list.read-model.js';
import { joinRequestDeciders } from './join-request.read-model.js';
import { REFERENT_JOIN } from './person-summary.read-model.js';

/** The sections of the home, each a list of things to do. */
export const WORK_SECTIONS = [
  'incomingHandovers',
  'unassignedPeople',
  'joinRequests',
  'orientationRequests',
  'overdueActions',
  'endingContracts',
  'appointments',
  'rightsRequests',
] as const;
export type WorkSectionName = (typeof WORK_SECTIONS)[number];

/**
 * One thing to do. `redacted`: the viewer may not read the person (no active membership in the
 * person's territory any more): the item is counted, never described.
 */
export interface WorkItemView {
  /** The handover, request, action, contract or appointment. */
  readonly id: string;
  readonly redacted: boolean;
  readonly person: PersonSummaryView | null;
  /** When it was proposed or asked, or when the appointment starts. */
  readonly at: Date | null;
  /** The due date of an action, the end date of a contract (YYYY-MM-DD). */
  readonly on: string | null;
  /** An action's title, a contract's type, whom an appointment is with. */
  readonly label: string | null;
  /** The structure it comes from (handover, request) or goes to (orientation). */
  readonly structureName: string | null;
  /** Who proposed or asked. */
  readonly actorName: string | null;
}

export interface WorkSectionView {
  readonly count: number;
  /** The first items, oldest or most urgent first. */
  readonly items: readonly WorkItemView[];
}

export interface WorkQueueView {
  /** Null for a section that is not the viewer's work (no role for it). */
  readonly sections: Readonly<Record<WorkSectionName, WorkSectionView | null>>;
  readonly unreadNotificationCount: number;
}

/** How many items each section shows; its count says how many there are. */
export const WORK_ITEMS_PER_SECTION = 5;

/** The roles each section is the work of. */
const SECTION_ROLES: Readonly<Record<WorkSectionName, readonly Role[]>> = {
  incomingHandovers: [Role.PROFESSIONAL, Role.STRUCTURE_ADMIN],
  unassignedPeople: [Role.STRUCTURE_ADMIN],
  joinRequests: [Role.PROFESSIONAL, Role.STRUCTURE_ADMIN, Role.ORIENTATION_MANAGER],
  orientationRequests: [Role.ORIENTATION_MANAGER],
  overdueActions: [Role.PROFESSIONAL],
  endingContracts: [Role.PROFESSIONAL],
  appointments: [Role.PROFESSIONAL],
  rightsRequests: [Role.PROFESSIONAL],
};

/** Paris's today, as the professionals count days. */
const TODAY = `(now() AT TIME ZONE 'Europe/Paris')::date`;
const PARIS_MIDNIGHT = (days: number) =>
  `((${TODAY} + ${days})::timestamp AT TIME ZONE 'Europe/Paris')`;

/**
 * The files the account is in the team of, read once for the sections that go through them
 * (overdue actions, ending contracts, appointments, rights requests): each section reading them
 * again cost a scan of the account's team rows and a lookup of each person (a caseworker of the
 * bench's size M is in 336 teams). One active team row per person and account.
 */
const MY_FILES = `
  SELECT me.person_id, me.role = 'REFERENT' AS referent, p.status = 'ACTIVE' AS active
    FROM team_member me JOIN person p ON p.id = me.person_id
   WHERE me.account_id = $1 AND me.left_at IS NULL`;

/**
 * Each section as rows of the same columns: section, id, person_id, sort_at, at, on_date, label,
 * structure_name, actor_name. Parameters: $1 the account, $2 its membership ids, $3 the structures
 * it administers, $4 the territories whose orientations it manages; mine: MY_FILES.
 */
const SECTION_ROWS = `
  SELECT 'incomingHandovers' AS section, h.id, h.person_id, h.created_at AS sort_at,
         h.created_at AS at, NULL::date AS on_date, NULL::text AS label,
         fs.name AS structure_name, ${ACCOUNT_NAME('pa')} AS actor_name
    FROM handover h
    JOIN account pa ON pa.id = h.proposed_by_account_id
    LEFT JOIN structure fs ON fs.id = h.from_structure_id
   WHERE h.status = 'PROPOSED' AND (h.to_structure_id = ANY($3::uuid[]) OR h.to_account_id = $1)
     -- Oriented people waiting for a referent have their own section.
     AND NOT (h.orientation_request_id IS NOT NULL AND h.to_account_id IS NULL)
  UNION ALL
  SELECT 'unassignedPeople', h.id, h.person_id, h.created_at, h.created_at, NULL, NULL,
         NULL, NULL
    FROM membership m ${UNASSIGNED_JOIN}
   WHERE ${ADMIN_MEMBERSHIP} AND m.account_id = $1
  UNION ALL
  SELECT 'joinRequests', jr.id, jr.person_id, jr.created_at, jr.created_at, NULL, NULL,
         js.name, ${ACCOUNT_NAME('ja')}
    FROM join_request jr
    JOIN person p ON p.id = jr.person_id
    JOIN account ja ON ja.id = jr.account_id
    JOIN structure js ON js.id = jr.structure_id
    ${REFERENT_JOIN}
   WHERE jr.status = 'PENDING' AND ${joinRequestDeciders('$2', '$3', '$4')}
  UNION ALL
  SELECT 'orientationRequests', o.id, o.person_id, o.created_at, o.created_at, NULL,
         o.orientation_type::text, rqs.name, ${ACCOUNT_NAME('ra')}
    FROM orientation_request o
    JOIN account ra ON ra.id = o.requested_by_account_id
    LEFT JOIN membership rqm ON rqm.id = o.requested_by_membership_id
    LEFT JOIN structure rqs ON rqs.id = rqm.structure_id
   WHERE o.status = 'PENDING' AND o.territory_id = ANY($4::uuid[])
  UNION ALL
  -- As referent: a referent reads every action of the file, sensitive ones included.
  SELECT 'overdueActions', a.id, a.person_id, a.due_on::timestamp, NULL, a.due_on, a.title,
         NULL, NULL
    FROM mine JOIN plan_action a ON a.person_id = mine.person_id
   WHERE mine.referent AND mine.active
     AND a.status IN ('PLANNED', 'IN_PROGRESS') AND a.due_on < ${TODAY}
  UNION ALL
  -- The file's current contract (the latest to start) when it has ended or ends within 30 days.
  SELECT 'endingContracts', c.id, c.person_id, c.ends_on::timestamp, NULL, c.ends_on,
         c.type::text, NULL, NULL
    FROM mine
    JOIN LATERAL (SELECT * FROM contract c WHERE c.person_id = mine.person_id
                   ORDER BY c.starts_on DESC, c.created_at DESC LIMIT 1) c ON true
   WHERE mine.referent AND mine.active
     AND c.ends_on IS NOT NULL AND c.ends_on <= ${TODAY} + 30
  UNION ALL
  -- Mine: made by one of my memberships, or in a file I am the referent of. Read from my files
  -- through the appointment's (person, start) index: by the dates alone, PostgreSQL scanned
  -- every appointment of the database (73 of the statement's 93 ms at the bench's size M).
  SELECT 'appointments', ap.id, ap.person_id, ap.starts_at, ap.starts_at, NULL, ap.with_whom,
         NULL, NULL
    FROM mine
    JOIN appointment ap ON ap.person_id = mine.person_id
     AND ap.starts_at >= ${PARIS_MIDNIGHT(0)} AND ap.starts_at < ${PARIS_MIDNIGHT(2)}
   WHERE mine.active AND ap.status = 'PLANNED'
     AND (mine.referent OR ap.created_by_membership_id = ANY($2::uuid[]))
  UNION ALL
  -- The person's requests about their rights (issue 22), in files I am the referent of, the
  -- soonest due first: the due date is the item's date, the kind its label.
  SELECT 'rightsRequests', rr.id, rr.person_id, rr.due_on::timestamp, rr.requested_at,
         rr.due_on, rr.kind::text, NULL, NULL
    FROM mine
    JOIN rights_request rr ON rr.person_id = mine.person_id AND rr.status = 'PENDING'
   WHERE mine.referent`;

/**
 * The first items of each section with the section's count, the person as the viewer may see
 * them (their minimal view, only with an active membership in the person's territory), and one
 * more row with the unread notifications.
 */
const WORK_QUEUE_SQL = `
  WITH mine AS MATERIALIZED (${MY_FILES}),
  work AS (${SECTION_ROWS}),
  ranked AS (
    SELECT w.*, row_number() OVER (PARTITION BY w.section ORDER BY w.sort_at, w.id) AS rank,
           count(*) OVER (PARTITION BY w.section) AS total
      FROM work w
  )
  SELECT w.section, w.rank::int, w.total::int, w.id AS item_id, w.at, w.on_date::text, w.label,
         w.structure_name, w.actor_name,
         p.id, p.given_name, p.family_name, EXTRACT(YEAR FROM p.birth_date)::int AS birth_year,
         p.status, rs.id AS referent_structure_id, rs.name AS referent_structure_name,
         EXISTS (SELECT 1 FROM team_member tm WHERE tm.person_id = p.id AND tm.left_at IS NULL
                   AND tm.membership_id = ANY($2::uuid[])) AS is_member
    FROM ranked w
    LEFT JOIN person p ON p.id = w.person_id AND EXISTS (
      SELECT 1 FROM membership vm WHERE vm.account_id = $1 AND vm.revoked_at IS NULL
        AND vm.territory_id = p.territory_id)
    ${REFERENT_JOIN}
   WHERE w.rank <= $5
  UNION ALL
  SELECT 'unread', 0, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM notification n WHERE n.account_id = $1 AND n.read_at IS NULL
  ORDER BY section, rank`;

interface WorkRow extends Omit<SummaryRow, 'id'> {
  section: WorkSectionName | 'unread';
  rank: number;
  total: number;
  item_id: string | null;
  at: Date | null;
  on_date: string | null;
  label: string | null;
  structure_name: string | null;
  actor_name: string | null;
  id: string | null;
}

function itemOf(row: WorkRow): WorkItemView {
  const redacted = row.id === null;
  return {
    id: row.item_id ?? '',
    redacted,
    person: redacted ? null : summaryOf({ ...row, id: row.id ?? '' }),
    at: row.at,
    on: row.on_date,
    label: redacted ? null : row.label,
    structureName: redacted ? null : row.structure_name,
    actorName: redacted ? null : row.actor_name,
  };
}

/** What waits on the signed-in professional, for the home and the navigation's counts. */
@Injectable()
export class WorkQueueReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every section of the viewer's work, in one SQL statement. Accounts only. */
  async forViewer(scope: ViewerScope): Promise<WorkQueueView> {
    const { principal } = scope;
    if (principal.kind !== 'account') throw forbidden();
    const ids = (role: Role, key: 'structureId' | 'territoryId') =>
      principal.memberships
        .filter((m) => m.role === role)
        .map((m) => m[key])
        .filter((id): id is string => id !== null);
    // Prepared, as the other hot reads: the statement is long, and planning it at every call
    // cost PostgreSQL about as much as running it.
    const rows = await preparedQuery<WorkRow>(this.dataSource, WORK_QUEUE_SQL, [
      principal.accountId,
      principal.memberships.map((m) => m.id),
      ids(Role.STRUCTURE_ADMIN, 'structureId'),
      ids(Role.ORIENTATION_MANAGER, 'territoryId'),
      WORK_ITEMS_PER_SECTION,
    ]);
    const roles = new Set(principal.memberships.map((m) => m.role));
    const sections = Object.fromEntries(
      WORK_SECTIONS.map((name) => {
        const mine = rows.filter((row) => row.section === name);
        const relevant = SECTION_ROLES[name].some((role) => roles.has(role));
        return [
          name,
          relevant || mine.length > 0
            ? { count: mine[0]?.total ?? 0, items: mine.map(itemOf) }
            : null,
        ];
      }),
    ) as Record<WorkSectionName, WorkSectionView | null>;
    const unread = rows.find((row) => row.section === 'unread');
    return { sections, unreadNotificationCount: unread?.total ?? 0 };
  }
}
