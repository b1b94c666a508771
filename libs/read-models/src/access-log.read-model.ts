// Serves a file's "access log" screen (Query.accessLog): who read a person's file (DOMAIN.md rule 6),
// with the reader's name, role and structure, or the partner system's name.
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

/**
 * Who read, for a read by the person themself from their space (ground SELF): no account, no
 * membership, no client; never shown as a professional's or a partner's read.
 */
export const SELF_READER_NAME = 'La personne elle-même';

/** One read of a person's file: who, with which membership (or which partner system), when, why. */
export interface AccessLogEntryView {
  readonly id: string;
  readonly accessedAt: Date;
  readonly ground: AccessGround;
  /** The reader's name, or the partner system's. */
  readonly readerName: string;
  readonly partnerSystem: boolean;
  /** The role of the membership the reader acted with. */
  readonly role: Role | null;
  /** The structure of that membership. */
  readonly structureName: string | null;
  /** This entry's position, as an `after` cursor. */
  readonly cursor: string;
}

interface AccessLogRow {
  id: string | null;
  accessed_at: Date;
  ground: AccessGround;
  account_id: string | null;
  given_name: string | null;
  family_name: string | null;
  role: Role | null;
  structure_name: string | null;
  client_id: string | null;
  client_name: string | null;
}

function positionOf(after: string): string {
  const [id] = decodeCursor(after);
  if (!/^\d{1,19}$/.test(String(id))) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave',
      {
        field: 'after',
      },
    );
  }
  return String(id);
}

/**
 * For those who answer for the file: the person's active referent and the territory admins of
 * the person's territory, nobody else. A territory admin does not open files, so the read takes
 * the caller's ViewerScope, not a FileScope: the access rule is in its SQL. Reading the log is
 * not a read of the file: it writes no access-log row.
 */
@Injectable()
export class AccessLogReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page, newest first, keyset on the chain's id. One SQL statement decides the access and
   * reads the page: it gives no row when the caller may not read this log (or there is no such
   * person), and one empty row when the log has nothing more.
   */
  async accessLog(
    scope: ViewerScope,
    personId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<AccessLogEntryView>> {
    const { principal } = scope;
    if (principal.kind !== 'account') throw forbidden();
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const memberships = principal.memberships;
    const adminTerritories = memberships
      .filter((membership) => membership.role === Role.TERRITORY_ADMIN)
      .map((membership) => membership.territoryId)
      .filter((id): id is string => id !== null);
    const rows = await this.dataSource.query<AccessLogRow[]>(
      `WITH allowed AS (
         SELECT p.id FROM person p
          WHERE p.id = $1
            AND (p.territory_id = ANY($2::uuid[])
              OR EXISTS (SELECT 1 FROM team_member r
                          WHERE r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
                            AND r.membership_id = ANY($3::uuid[]))))
       SELECT entry.* FROM allowed
       LEFT JOIN LATERAL (
         SELECT l.id, l.accessed_at, l.ground, l.account_id, a.given_name, a.family_name,
           m.role, s.name AS structure_name, l.client_id, c.name AS client_name
         FROM access_log l
         LEFT JOIN account a ON a.id = l.account_id
         LEFT JOIN membership m ON m.id = l.membership_id
         LEFT JOIN structure s ON s.id = m.structure_id
         LEFT JOIN api_client c ON c.id = l.client_id
         WHERE l.person_id = allowed.id AND ($4::bigint IS NULL OR l.id < $4::bigint)
         ORDER BY l.id DESC
         LIMIT $5
       ) entry ON true
       ORDER BY entry.id DESC`,
      [
        personId,
        adminTerritories,
        memberships.map((membership) => membership.id),
        after ? positionOf(after) : null,
        size + 1,
      ],
    );
    if (rows.length === 0) throw forbidden();
    const entries = rows.filter((row): row is AccessLogRow & { id: string } => row.id !== null);
    const page = toPage(entries, size, (row) => [row.id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        id: row.id,
        accessedAt: row.accessed_at,
        ground: row.ground,
        readerName: row.account_id
          ? `${row.given_name ?? ''} ${row.family_name ?? ''}`.trim()
          : row.ground === AccessGround.SELF
            ? SELF_READER_NAME
            : (row.client_name ?? 'partner system'),
        partnerSystem: row.account_id === null && row.client_id !== null,
        role: row.role,
        structureName: row.structure_name,
        cursor: encodeCursor([row.id]),
      })),
    };
  }
}
