// Serves the grouped access log (Query.accessLogDays, Query.accessLogReaders): who read a
// person's file, one line per reader, acting membership and day, with the number of reads and
// the first and last time; and the territory admins' person finder of the admin screen
// (Query.accessLogPeople). Same access rule as the plain log (access-log.read-model.ts).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessGround, forbidden, type ViewerScope } from '@relais/access';
import {
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Page,
  toPage,
} from '@relais/core';
import { Role } from '@relais/identity';
import { searchText } from '@relais/pathways';
import { SELF_READER_NAME } from './access-log.read-model.js';

/** The day a read counts in: the territories' time. */
const LOG_TIME_ZONE = 'Europe/Paris';

/** People the admin's finder lists at most. */
const PEOPLE_LIMIT = 20;

/** One reader's reads of a file on one day, with one membership, on one ground. */
export interface AccessLogDayView {
  readonly id: string;
  /** The day, YYYY-MM-DD (Europe/Paris). */
  readonly day: string;
  readonly reads: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly ground: AccessGround;
  /** The reader's account id, or the partner system's client id. */
  readonly readerId: string;
  readonly readerName: string;
  readonly partnerSystem: boolean;
  readonly role: Role | null;
  readonly structureName: string | null;
  readonly cursor: string;
}

/** Someone who read the file, for the reader filter. */
export interface AccessLogReaderView {
  readonly id: string;
  readonly name: string;
  readonly partnerSystem: boolean;
}

/** A person of the admin's territories, as the finder lists them: no more than a name. */
export interface AccessLogPersonView {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly territoryName: string;
}

/** How the caller reached a log: as the person's referent, or as a territory admin. */
export interface AccessLogReach {
  readonly personId: string;
  readonly territoryId: string;
  /** Read as a territory admin (not the person's referent): the admin audit records it. */
  readonly asTerritoryAdmin: boolean;
}

interface DayRow {
  person_id: string;
  territory_id: string;
  is_referent: boolean;
  last_id: string | null;
  day: string;
  reads: number;
  first_at: Date;
  last_at: Date;
  ground: AccessGround;
  account_id: string | null;
  client_id: string | null;
  membership_id: string | null;
  reader_name: string | null;
  role: Role | null;
  structure_name: string | null;
}

function adminTerritoriesOf(scope: ViewerScope): string[] {
  const { principal } = scope;
  if (principal.kind !== 'account') throw forbidden();
  return principal.memberships
    .filter((membership) => membership.role === Role.TERRITORY_ADMIN)
    .map((membership) => membership.territoryId)
    .filter((id): id is string => id !== null);
}

/** $1 person, $2 admin territories, $3 the caller's memberships: the person, if theirs to read. */
const ALLOWED_SQL = `allowed AS (
  SELECT p.id, p.territory_id, EXISTS (SELECT 1 FROM team_member r
      WHERE r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
        AND r.membership_id = ANY($3::uuid[])) AS is_referent
    FROM person p WHERE p.id = $1)`;
const ALLOWED_WHERE = `(allowed.territory_id = ANY($2::uuid[]) OR allowed.is_referent)`;

const READER_NAME_SQL = `CASE WHEN l.account_id IS NOT NULL
    THEN trim(concat_ws(' ', a.given_name, a.family_name)) ELSE c.name END`;

function positionOf(after: string): string {
  const [id] = decodeCursor(after);
  if (!/^\d{1,19}$/.test(String(id))) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave',
      { field: 'after' },
    );
  }
  return String(id);
}

/**
 * For the person's active referent and the territory admins of the person's territory, nobody
 * else; each read decides the access and reads in one statement. Reading the log is not a read
 * of the file: it writes no access-log row.
 */
@Injectable()
export class AccessLogDaysReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of days, the latest read first (keyset on each group's last read), only one
   * reader's when `readerId` is given; with how the caller reached the log.
   */
  async days(
    scope: ViewerScope,
    personId: string,
    options: { first: number; after?: string | null; readerId?: string | null },
  ): Promise<{ page: Page<AccessLogDayView>; reach: AccessLogReach }> {
    const adminTerritories = adminTerritoriesOf(scope);
    const size = Math.min(Math.max(options.first, 1), MAX_PAGE_SIZE);
    const rows = await this.dataSource.query<DayRow[]>(
      `WITH ${ALLOWED_SQL},
       days AS (
         SELECT (l.accessed_at AT TIME ZONE '${LOG_TIME_ZONE}')::date::text AS day,
           l.account_id, l.client_id, l.membership_id, l.ground, count(*)::int AS reads,
           min(l.accessed_at) AS first_at, max(l.accessed_at) AS last_at, max(l.id) AS last_id
         FROM allowed JOIN access_log l ON l.person_id = allowed.id
         WHERE ${ALLOWED_WHERE}
           AND ($4::uuid IS NULL OR l.account_id = $4::uuid OR l.client_id = $4::uuid)
         GROUP BY 1, l.account_id, l.client_id, l.membership_id, l.ground
         HAVING $5::bigint IS NULL OR max(l.id) < $5::bigint
         ORDER BY last_id DESC LIMIT $6)
       SELECT allowed.id AS person_id, allowed.territory_id, allowed.is_referent, entry.*
       FROM allowed LEFT JOIN LATERAL (
         SELECT d.*, ${READER_NAME_SQL.replace(/\bl\./g, 'd.')} AS reader_name, m.role,
           s.name AS structure_name
         FROM days d
         LEFT JOIN account a ON a.id = d.account_id
         LEFT JOIN membership m ON m.id = d.membership_id
         LEFT JOIN structure s ON s.id = m.structure_id
         LEFT JOIN api_client c ON c.id = d.client_id) entry ON true
       WHERE ${ALLOWED_WHERE}
       ORDER BY entry.last_id DESC`,
      [
        personId,
        adminTerritories,
        this.membershipIds(scope),
        options.readerId ?? null,
        options.after ? positionOf(options.after) : null,
        size + 1,
      ],
    );
    if (rows.length === 0) throw forbidden();
    const [first] = rows;
    const groups = rows.filter((row): row is DayRow & { last_id: string } => row.last_id !== null);
    const page = toPage(groups, size, (row) => [row.last_id]);
    return {
      reach: {
        personId: first.person_id,
        territoryId: first.territory_id,
        asTerritoryAdmin: !first.is_referent,
      },
      page: {
        ...page,
        nodes: page.nodes.map((row) => ({
          id: `${row.day}:${row.last_id}`,
          day: row.day,
          reads: row.reads,
          firstAt: new Date(row.first_at),
          lastAt: new Date(row.last_at),
          ground: row.ground,
          readerId: row.account_id ?? row.client_id ?? '',
          readerName:
            row.ground === AccessGround.SELF
              ? SELF_READER_NAME
              : (row.reader_name ?? 'partner system'),
          partnerSystem: row.account_id === null && row.client_id !== null,
          role: row.role,
          structureName: row.structure_name,
          cursor: encodeCursor([row.last_id]),
        })),
      },
    };
  }

  /** Everyone who read the file, by name, for the reader filter. */
  async readers(scope: ViewerScope, personId: string): Promise<AccessLogReaderView[]> {
    const adminTerritories = adminTerritoriesOf(scope);
    const rows = await this.dataSource.query<
      { person_id: string; id: string | null; name: string | null; partner: boolean | null }[]
    >(
      `WITH ${ALLOWED_SQL}
       SELECT allowed.id AS person_id, r.* FROM allowed LEFT JOIN LATERAL (
         SELECT DISTINCT COALESCE(l.account_id, l.client_id) AS id, ${READER_NAME_SQL} AS name,
           l.account_id IS NULL AS partner
         FROM access_log l
         LEFT JOIN account a ON a.id = l.account_id
         LEFT JOIN api_client c ON c.id = l.client_id
         WHERE l.person_id = allowed.id AND COALESCE(l.account_id, l.client_id) IS NOT NULL) r ON true
       WHERE ${ALLOWED_WHERE}
       ORDER BY r.name, r.id`,
      [personId, adminTerritories, this.membershipIds(scope)],
    );
    if (rows.length === 0) throw forbidden();
    return rows.flatMap((row) =>
      row.id ? [{ id: row.id, name: row.name ?? '', partnerSystem: row.partner === true }] : [],
    );
  }

  /**
   * The people of the territory admin's territories whose name holds every word typed, or whose
   * id is the one typed, archived ones included: the DPO answers for them too. Territory admins
   * only.
   */
  async people(scope: ViewerScope, query: string): Promise<AccessLogPersonView[]> {
    const territories = adminTerritoriesOf(scope);
    if (territories.length === 0) throw forbidden();
    const typed = query.trim();
    const words = searchText(typed).split(' ').filter(Boolean).slice(0, 5);
    const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(typed);
    if (!isId && words.length === 0) return [];
    const params: unknown[] = [territories, isId ? typed.toLowerCase() : null];
    const contains = words.map((word) => {
      params.push(`%${word}%`);
      return `p.search_name LIKE $${params.length}`;
    });
    const byName = contains.length ? contains.join(' AND ') : 'false';
    const rows = await this.dataSource.query<
      { id: string; given_name: string; family_name: string; territory_name: string }[]
    >(
      `SELECT p.id, p.given_name, p.family_name, t.name AS territory_name
       FROM person p JOIN territory t ON t.id = p.territory_id
       WHERE p.territory_id = ANY($1::uuid[])
         AND (p.id = $2::uuid OR ${byName})
       ORDER BY p.family_name, p.given_name, p.id
       LIMIT ${PEOPLE_LIMIT}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      givenName: row.given_name,
      familyName: row.family_name,
      territoryName: row.territory_name,
    }));
  }

  private membershipIds(scope: ViewerScope): string[] {
    return scope.principal.memberships.map((membership) => membership.id);
  }
}
