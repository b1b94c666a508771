/**
 * The raw limit's statements: for each read scenario, ONE hand-written SQL statement that returns
 * the whole GraphQL response body as JSON text, the same JSON Relais answers (bench/scenarios.mjs
 * holds the GraphQL operations they mirror). No authorization: the account id only says whose
 * caseload, whose territory and which redactions.
 */

/** A timestamp as GraphQL's DateTime prints it (JavaScript's toISOString). */
export const iso = (column) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Relais' keyset cursor: base64url of the JSON array [position, id] (libs/core encodeCursor). */
const cursor = (position, id) =>
  `rtrim(translate(replace(encode(convert_to('[' || ${position} || ',"' || ${id} || '"]', 'UTF8'),
     'base64'), E'\\n', ''), '+/', '-_'), '=')`;

const quoted = (text) => `'"' || ${text} || '"'`;

const summary = (alias) => `json_build_object('id', ${alias}.id, 'givenName', ${alias}.given_name,
    'familyName', ${alias}.family_name, 'birthYear', ${alias}.birth_year, 'status', ${alias}.status,
    'isMember', ${alias}.is_member,
    'referentStructure', CASE WHEN ${alias}.rs_id IS NOT NULL
      THEN json_build_object('id', ${alias}.rs_id, 'name', ${alias}.rs_name) END)`;

/** $1: account id. The 20 people of the caller's teams, most recent activity first. */
export const CASELOAD_SQL = `
WITH mine AS (
  SELECT p.id, me.role AS my_role, p.last_activity_at
  FROM team_member me
  JOIN person p ON p.id = me.person_id
  WHERE me.membership_id IN (SELECT m.id FROM membership m WHERE m.account_id = $1 AND m.revoked_at IS NULL)
    AND me.left_at IS NULL AND p.status = 'ACTIVE'
  ORDER BY p.last_activity_at DESC, p.id DESC
  LIMIT 21),
page AS (
  SELECT p.id, p.given_name, p.family_name, EXTRACT(YEAR FROM p.birth_date)::int AS birth_year,
    p.status, rs.id AS rs_id, rs.name AS rs_name, true AS is_member, mine.my_role,
    p.orientation_type, p.last_activity_at, p.last_activity_at::text AS position,
    ra.given_name AS referent_given_name, ra.family_name AS referent_family_name
  FROM mine
  JOIN person p ON p.id = mine.id
  LEFT JOIN team_member r ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
  LEFT JOIN structure rs ON rs.id = r.structure_id
  LEFT JOIN account ra ON ra.id = r.account_id),
numbered AS (
  SELECT page.*, row_number() OVER (ORDER BY page.last_activity_at DESC, page.id DESC) AS n,
    ${cursor(quoted('page.position'), 'page.id')} AS cursor
  FROM page),
entries AS (
  SELECT numbered.*,
    (SELECT min(a.starts_at) FROM appointment a
      WHERE a.person_id = numbered.id AND a.status = 'PLANNED' AND a.starts_at >= now()) AS next_at,
    (SELECT count(*)::int FROM goal g WHERE g.person_id = numbered.id AND g.status = 'IN_PROGRESS')
      AS open_goals
  FROM numbered WHERE n <= 20)
SELECT json_build_object('data', json_build_object('caseload', json_build_object(
  'edges', COALESCE((SELECT json_agg(json_build_object('cursor', e.cursor, 'node', json_build_object(
      'lastActivityAt', ${iso('e.last_activity_at')}, 'myRole', e.my_role,
      'nextAppointmentAt', ${iso('e.next_at')}, 'openGoals', e.open_goals,
      'orientationType', e.orientation_type,
      'referentName', e.referent_given_name || ' ' || e.referent_family_name,
      'person', ${summary('e')})) ORDER BY e.n) FROM entries e), '[]'::json),
  'pageInfo', json_build_object(
    'endCursor', (SELECT e.cursor FROM entries e ORDER BY e.n DESC LIMIT 1),
    'hasNextPage', (SELECT count(*) > 20 FROM numbered)))))::text AS body`;

/** $1: person id, $2: account id. One whole file, as a team member of it reads it. */
export const OPEN_FILE_SQL = `
WITH viewer AS (
  SELECT EXISTS (
      SELECT 1 FROM team_member tm
      JOIN structure s ON s.id = tm.structure_id
      JOIN membership m ON m.id = tm.membership_id AND m.revoked_at IS NULL
      WHERE tm.person_id = $1 AND tm.account_id = $2 AND tm.left_at IS NULL
        AND (tm.role = 'REFERENT' OR s.type IN ('CONSEIL_DEPARTEMENTAL', 'CCAS', 'CAF', 'MSA')))
      AS sensitive_ok,
    ARRAY(SELECT m.structure_id FROM membership m
      WHERE m.account_id = $2 AND m.revoked_at IS NULL AND m.structure_id IS NOT NULL)
      AS structure_ids),
events AS (
  SELECT e.*, e.occurred_at::text AS position, a.given_name AS actor_given_name,
    a.family_name AS actor_family_name, s.name AS actor_structure_name, c.name AS client_name,
    row_number() OVER (ORDER BY e.occurred_at DESC, e.id DESC) AS n
  FROM timeline_event e
  LEFT JOIN account a ON a.id = e.actor_account_id
  LEFT JOIN membership m ON m.id = e.actor_membership_id
  LEFT JOIN structure s ON s.id = m.structure_id
  LEFT JOIN api_client c ON c.id = e.actor_client_id
  WHERE e.person_id = $1
    AND (e.subject_type <> 'Note' OR EXISTS (
      SELECT 1 FROM note n WHERE n.id = e.subject_id AND n.person_id = $1
        AND (n.visibility = 'TEAM'
          OR (n.visibility = 'STRUCTURE' AND n.author_structure_id IN (SELECT m.structure_id
              FROM membership m WHERE m.account_id = $2 AND m.revoked_at IS NULL))
          OR n.author_account_id = $2)))
  ORDER BY e.occurred_at DESC, e.id DESC
  LIMIT 21)
SELECT json_build_object('data', json_build_object('person', json_build_object(
  'id', p.id, 'givenName', p.given_name, 'familyName', p.family_name, 'birthName', p.birth_name,
  'birthDate', p.birth_date::text, 'email', p.email, 'phone', p.phone,
  'addressLine', p.address_line, 'postalCode', p.postal_code, 'city', p.city,
  'status', p.status, 'territoryId', p.territory_id, 'version', p.version,
  'lastActivityAt', ${iso('p.last_activity_at')}, 'orientationType', p.orientation_type,
  'restricted', p.restricted, 'objection', p.objection,
  'team', COALESCE((SELECT json_agg(json_build_object('id', tm.id, 'accountId', tm.account_id,
      'givenName', a.given_name, 'familyName', a.family_name, 'role', tm.role,
      'structureId', tm.structure_id, 'structureName', s.name, 'structureType', s.type,
      'joinedAt', ${iso('tm.joined_at')})
      ORDER BY tm.role = 'FOLLOWER', tm.joined_at)
    FROM team_member tm JOIN account a ON a.id = tm.account_id
    JOIN structure s ON s.id = tm.structure_id
    WHERE tm.person_id = p.id AND tm.left_at IS NULL), '[]'::json),
  'obstacles', COALESCE((SELECT json_agg(CASE WHEN o.sensitive AND NOT v.sensitive_ok
      THEN json_build_object('id', o.id, 'theme', NULL, 'status', NULL, 'comment', NULL,
        'sensitive', true, 'redacted', true)
      ELSE json_build_object('id', o.id, 'theme', o.theme, 'status', o.status,
        'comment', o.comment, 'sensitive', o.sensitive, 'redacted', false) END ORDER BY o.theme)
    FROM (SELECT ob.*, ob.theme IN ('HEALTH', 'DISABILITY', 'JUSTICE') AS sensitive
          FROM obstacle ob WHERE ob.person_id = p.id) o), '[]'::json),
  'contracts', COALESCE((SELECT json_agg(json_build_object('id', k.id, 'type', k.type,
      'startsOn', k.starts_on::text, 'endsOn', k.ends_on::text)
      ORDER BY k.starts_on DESC, k.created_at DESC)
    FROM contract k WHERE k.person_id = p.id), '[]'::json),
  'goals', COALESCE((SELECT json_agg(json_build_object('id', g.id, 'title', g.title,
      'status', g.status) ORDER BY g.created_at, g.id)
    FROM goal g WHERE g.person_id = p.id), '[]'::json),
  'actions', COALESCE((SELECT json_agg(json_build_object('id', x.id,
      'title', CASE WHEN x.sensitive AND NOT v.sensitive_ok THEN NULL ELSE x.title END,
      'status', x.status, 'startsOn', x.starts_on::text, 'dueOn', x.due_on::text,
      'goalId', x.goal_id,
      'obstacleId', CASE WHEN x.sensitive AND NOT v.sensitive_ok THEN NULL ELSE x.obstacle_id END,
      'sensitive', x.sensitive, 'redacted', x.sensitive AND NOT v.sensitive_ok)
      ORDER BY x.created_at, x.id)
    FROM (SELECT pa.*, COALESCE(ob.theme IN ('HEALTH', 'DISABILITY', 'JUSTICE'), false) AS sensitive
          FROM plan_action pa LEFT JOIN obstacle ob ON ob.id = pa.obstacle_id
          WHERE pa.person_id = p.id) x), '[]'::json),
  'timeline', json_build_object(
    'edges', COALESCE((SELECT json_agg(json_build_object(
        'cursor', ${cursor(quoted('e.position'), 'e.id')},
        'node', json_build_object('id', e.id, 'type', e.type, 'occurredAt', ${iso('e.occurred_at')},
          'subjectType', e.subject_type, 'subjectId', e.subject_id, 'sensitive', e.sensitive,
          'redacted', e.sensitive AND NOT v.sensitive_ok,
          'before', CASE WHEN e.sensitive AND NOT v.sensitive_ok THEN NULL ELSE e.before END,
          'after', CASE WHEN e.sensitive AND NOT v.sensitive_ok THEN NULL ELSE e.after END,
          'actor', CASE
            WHEN e.actor_account_id IS NOT NULL THEN json_build_object(
              'name', trim(COALESCE(e.actor_given_name, '') || ' ' || COALESCE(e.actor_family_name, '')),
              'structureName', e.actor_structure_name, 'partnerSystem', false)
            WHEN e.actor_client_id IS NOT NULL THEN json_build_object(
              'name', COALESCE(e.client_name, 'partner system'), 'structureName', NULL,
              'partnerSystem', true)
            ELSE json_build_object('name', 'Relais', 'structureName', NULL, 'partnerSystem', false)
          END)) ORDER BY e.n) FROM events e WHERE e.n <= 20), '[]'::json),
    'pageInfo', json_build_object(
      'endCursor', (SELECT ${cursor(quoted('e.position'), 'e.id')} FROM events e WHERE e.n <= 20
                     ORDER BY e.n DESC LIMIT 1),
      'hasNextPage', (SELECT count(*) > 20 FROM events)))
)))::text AS body
FROM person p, viewer v
WHERE p.id = $1`;

/**
 * $1: account id, $2: the query as Relais normalizes it (search-text.ts), $3: the query upper-cased
 * without spaces (a CAF number or France Travail identifier), $4...: each word as a `%word%`
 * pattern, one LIKE each as Relais writes them (the trigram index serves ANDed LIKEs, not
 * LIKE ALL). People of the caller's territories: those holding every word first, then those
 * merely close.
 */
export const searchSql = (wordCount) => {
  const words = Array.from({ length: wordCount }, (_, i) => `p.search_name LIKE $${i + 4}`);
  const strong = `(${words.length ? words.join(' AND ') : 'false'}
    OR p.caf_number = $3 OR p.france_travail_id = $3)`;
  return `
WITH scope AS (
  SELECT ARRAY(SELECT m.territory_id FROM membership m
      WHERE m.account_id = $1 AND m.revoked_at IS NULL
        AND m.role IN ('PROFESSIONAL', 'ORIENTATION_MANAGER', 'STRUCTURE_ADMIN')) AS territories),
strong AS (
  SELECT p.id, 0 AS tier, similarity(p.search_name, $2) AS score FROM person p
  WHERE p.territory_id = ANY((SELECT territories FROM scope)::uuid[]) AND p.status = 'ACTIVE'
    AND ${strong}
  ORDER BY score DESC, p.id DESC LIMIT 21),
weak AS (
  SELECT p.id, 1 AS tier, similarity(p.search_name, $2) AS score FROM person p
  WHERE (SELECT count(*) FROM strong) < 21
    AND p.territory_id = ANY((SELECT territories FROM scope)::uuid[]) AND p.status = 'ACTIVE'
    AND p.search_name % $2
    AND NOT COALESCE(${strong}, false)
  ORDER BY score DESC, p.id DESC LIMIT 21),
found AS (
  SELECT * FROM strong UNION ALL SELECT * FROM weak ORDER BY tier, score DESC, id DESC LIMIT 21),
numbered AS (
  SELECT p.id, p.given_name, p.family_name, EXTRACT(YEAR FROM p.birth_date)::int AS birth_year,
    p.status, rs.id AS rs_id, rs.name AS rs_name,
    EXISTS (SELECT 1 FROM team_member t WHERE t.person_id = p.id AND t.left_at IS NULL
              AND t.membership_id = ANY(ARRAY(SELECT m.id FROM membership m
                WHERE m.account_id = $1 AND m.revoked_at IS NULL))) AS is_member,
    row_number() OVER (ORDER BY f.tier, f.score DESC, f.id DESC) AS n,
    ${cursor("f.tier || ',' || f.score::text", 'f.id')} AS cursor
  FROM found f JOIN person p ON p.id = f.id
  LEFT JOIN team_member r ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
  LEFT JOIN structure rs ON rs.id = r.structure_id)
SELECT json_build_object('data', json_build_object('searchPeople', json_build_object(
  'edges', COALESCE((SELECT json_agg(json_build_object('cursor', f.cursor, 'node', ${summary('f')})
      ORDER BY f.n) FROM numbered f WHERE f.n <= 20), '[]'::json),
  'pageInfo', json_build_object(
    'endCursor', (SELECT f.cursor FROM numbered f WHERE f.n <= 20 ORDER BY f.n DESC LIMIT 1),
    'hasNextPage', (SELECT count(*) > 20 FROM numbered)))))::text AS body`;
};
