/**
 * The raw limit of the home, "À traiter" (`myWork`, libs/read-models work-queue.read-model.ts):
 * ONE hand-written statement that returns the whole response body the web's `MyWork` query gets
 * (apps/web/src/home/work-queue.ts), the same rules as Relais' read model. The caller's
 * memberships are read in the statement itself (Relais has them from its session check).
 */
import { iso } from './statements.mjs';

/** Paris's today, as the professionals count days; midnight `days` later in Paris. */
const TODAY = `(now() AT TIME ZONE 'Europe/Paris')::date`;
const parisMidnight = (days) => `((${TODAY} + ${days})::timestamp AT TIME ZONE 'Europe/Paris')`;
const name = (alias) => `${alias}.given_name || ' ' || ${alias}.family_name`;

/** Each section with the roles whose work it is (null for others unless it holds items). */
const SECTIONS = [
  ['incomingHandovers', ['PROFESSIONAL', 'STRUCTURE_ADMIN']],
  ['unassignedPeople', ['STRUCTURE_ADMIN']],
  ['joinRequests', ['PROFESSIONAL', 'STRUCTURE_ADMIN', 'ORIENTATION_MANAGER']],
  ['orientationRequests', ['ORIENTATION_MANAGER']],
  ['overdueActions', ['PROFESSIONAL']],
  ['endingContracts', ['PROFESSIONAL']],
  ['appointments', ['PROFESSIONAL']],
  ['rightsRequests', ['PROFESSIONAL']],
];

const section = ([key, roles]) => `'${key}', (
    SELECT CASE WHEN me.roles && ARRAY[${roles.map((role) => `'${role}'`).join(', ')}]
                  OR count(i.rank) > 0
      THEN json_build_object('count', COALESCE(max(i.total), 0)::int,
        'items', COALESCE(json_agg(i.item ORDER BY i.rank), '[]'::json)) END
    FROM items i WHERE i.section = '${key}')`;

/** $1: account id. */
export const MY_WORK_SQL = `
WITH me AS (
  SELECT COALESCE(array_agg(m.id), '{}') AS memberships,
    COALESCE(array_agg(m.structure_id) FILTER (WHERE m.role = 'STRUCTURE_ADMIN'
      AND m.structure_id IS NOT NULL), '{}') AS admin_structures,
    COALESCE(array_agg(m.territory_id) FILTER (WHERE m.role = 'ORIENTATION_MANAGER'
      AND m.territory_id IS NOT NULL), '{}') AS managed_territories,
    COALESCE(array_agg(DISTINCT m.role::text), '{}') AS roles
  FROM membership m WHERE m.account_id = $1 AND m.revoked_at IS NULL),
mine AS MATERIALIZED (
  SELECT t.person_id, t.role = 'REFERENT' AS referent, p.status = 'ACTIVE' AS active
  FROM team_member t JOIN person p ON p.id = t.person_id
  WHERE t.account_id = $1 AND t.left_at IS NULL),
work AS (
  SELECT 'incomingHandovers' AS section, h.id, h.person_id, h.created_at AS sort_at,
    h.created_at AS at, NULL::date AS on_date, NULL::text AS label,
    fs.name AS structure_name, ${name('pa')} AS actor_name
  FROM handover h CROSS JOIN me
  JOIN account pa ON pa.id = h.proposed_by_account_id
  LEFT JOIN structure fs ON fs.id = h.from_structure_id
  WHERE h.status = 'PROPOSED'
    AND (h.to_structure_id = ANY(me.admin_structures) OR h.to_account_id = $1)
    AND NOT (h.orientation_request_id IS NOT NULL AND h.to_account_id IS NULL)
  UNION ALL
  SELECT 'unassignedPeople', h.id, h.person_id, h.created_at, h.created_at, NULL, NULL, NULL, NULL
  FROM membership m
  JOIN handover h ON h.to_structure_id = m.structure_id AND h.status = 'PROPOSED'
    AND h.orientation_request_id IS NOT NULL AND h.to_account_id IS NULL
  JOIN person p ON p.id = h.person_id AND p.status = 'ACTIVE'
  WHERE m.account_id = $1 AND m.role = 'STRUCTURE_ADMIN' AND m.revoked_at IS NULL
  UNION ALL
  SELECT 'joinRequests', jr.id, jr.person_id, jr.created_at, jr.created_at, NULL, NULL,
    js.name, ${name('ja')}
  FROM join_request jr CROSS JOIN me
  JOIN person p ON p.id = jr.person_id
  JOIN account ja ON ja.id = jr.account_id
  JOIN structure js ON js.id = jr.structure_id
  LEFT JOIN team_member r ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
  WHERE jr.status = 'PENDING' AND (r.membership_id = ANY(me.memberships)
    OR r.structure_id = ANY(me.admin_structures) OR p.territory_id = ANY(me.managed_territories))
  UNION ALL
  SELECT 'orientationRequests', o.id, o.person_id, o.created_at, o.created_at, NULL,
    o.orientation_type::text, rqs.name, ${name('ra')}
  FROM orientation_request o CROSS JOIN me
  JOIN account ra ON ra.id = o.requested_by_account_id
  LEFT JOIN membership rqm ON rqm.id = o.requested_by_membership_id
  LEFT JOIN structure rqs ON rqs.id = rqm.structure_id
  WHERE o.status = 'PENDING' AND o.territory_id = ANY(me.managed_territories)
  UNION ALL
  SELECT 'overdueActions', a.id, a.person_id, a.due_on::timestamp, NULL, a.due_on, a.title,
    NULL, NULL
  FROM mine JOIN plan_action a ON a.person_id = mine.person_id
  WHERE mine.referent AND mine.active
    AND a.status IN ('PLANNED', 'IN_PROGRESS') AND a.due_on < ${TODAY}
  UNION ALL
  SELECT 'endingContracts', c.id, c.person_id, c.ends_on::timestamp, NULL, c.ends_on,
    c.type::text, NULL, NULL
  FROM mine
  JOIN LATERAL (SELECT * FROM contract k WHERE k.person_id = mine.person_id
                ORDER BY k.starts_on DESC, k.created_at DESC LIMIT 1) c ON true
  WHERE mine.referent AND mine.active
    AND c.ends_on IS NOT NULL AND c.ends_on <= ${TODAY} + 30
  UNION ALL
  SELECT 'appointments', ap.id, ap.person_id, ap.starts_at, ap.starts_at, NULL, ap.with_whom,
    NULL, NULL
  FROM mine
  JOIN appointment ap ON ap.person_id = mine.person_id
    AND ap.starts_at >= ${parisMidnight(0)} AND ap.starts_at < ${parisMidnight(2)}
  CROSS JOIN me
  WHERE mine.active AND ap.status = 'PLANNED'
    AND (mine.referent OR ap.created_by_membership_id = ANY(me.memberships))
  UNION ALL
  SELECT 'rightsRequests', rr.id, rr.person_id, rr.due_on::timestamp, rr.requested_at,
    rr.due_on, rr.kind::text, NULL, NULL
  FROM mine JOIN rights_request rr ON rr.person_id = mine.person_id AND rr.status = 'PENDING'
  WHERE mine.referent),
ranked AS (
  SELECT w.*, row_number() OVER (PARTITION BY w.section ORDER BY w.sort_at, w.id) AS rank,
    count(*) OVER (PARTITION BY w.section) AS total
  FROM work w),
items AS (
  SELECT w.section, w.rank, w.total, json_build_object('id', w.id, 'redacted', p.id IS NULL,
    'at', ${iso('w.at')}, 'on', w.on_date::text,
    'label', CASE WHEN p.id IS NOT NULL THEN w.label END,
    'structureName', CASE WHEN p.id IS NOT NULL THEN w.structure_name END,
    'actorName', CASE WHEN p.id IS NOT NULL THEN w.actor_name END,
    'person', CASE WHEN p.id IS NOT NULL THEN json_build_object('id', p.id,
      'givenName', p.given_name, 'familyName', p.family_name,
      'birthYear', EXTRACT(YEAR FROM p.birth_date)::int,
      'isMember', EXISTS (SELECT 1 FROM team_member t WHERE t.person_id = p.id
        AND t.left_at IS NULL AND t.membership_id = ANY(me.memberships))) END) AS item
  FROM ranked w CROSS JOIN me
  LEFT JOIN person p ON p.id = w.person_id AND EXISTS (SELECT 1 FROM membership vm
    WHERE vm.account_id = $1 AND vm.revoked_at IS NULL AND vm.territory_id = p.territory_id)
  WHERE w.rank <= 5)
SELECT json_build_object('data', json_build_object('myWork', json_build_object(
  ${SECTIONS.map(section).join(',\n  ')},
  'unreadNotificationCount', (SELECT count(*)::int FROM notification n
    WHERE n.account_id = $1 AND n.read_at IS NULL))))::text AS body
FROM me`;
