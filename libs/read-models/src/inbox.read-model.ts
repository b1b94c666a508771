// Serves the inbox: the `notifications` query, and the views the dispatcher pushes live.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { forbidden, type SystemScope, type ViewerScope } from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  encodeCursor,
  type Page,
  toPage,
} from '@relais/core';
import { preparedQuery } from '@relais/database';
import type { InboxQuery, NotificationView } from '@relais/notifications';
import { PersonStatus } from '@relais/pathways';
import { DataSource, type EntityManager } from 'typeorm';

interface InboxRow {
  id: string;
  account_id: string;
  seq: string;
  event_id: string;
  type: string;
  created_at: Date;
  read_at: Date | null;
  payload: Record<string, unknown>;
  person_id: string | null;
  given_name: string | null;
  family_name: string | null;
  birth_year: number | null;
  status: PersonStatus | null;
  referent_structure_id: string | null;
  referent_structure_name: string | null;
  is_member: boolean | null;
  actor_given_name: string | null;
  actor_family_name: string | null;
  actor_structure_id: string | null;
  actor_structure_name: string | null;
  actor_client_name: string | null;
}

/**
 * The inbox rows as views, in one statement, with `n` the notification and `$1`.. the caller's
 * parameters in `where`. The person is shown only to a recipient with an active membership in
 * the person's territory (their minimal view, as search shows it); the actor by name and the
 * structure they acted for.
 */
function inboxSelect(where: string, orderAndLimit = ''): string {
  return `SELECT n.id, n.account_id, n.seq, n.event_id, n.type, n.created_at, n.read_at, n.payload,
      p.id AS person_id, p.given_name, p.family_name,
      EXTRACT(YEAR FROM p.birth_date)::int AS birth_year, p.status,
      rs.id AS referent_structure_id, rs.name AS referent_structure_name,
      EXISTS (SELECT 1 FROM team_member tm WHERE tm.person_id = p.id
        AND tm.account_id = n.account_id AND tm.left_at IS NULL) AS is_member,
      a.given_name AS actor_given_name, a.family_name AS actor_family_name,
      s.id AS actor_structure_id, s.name AS actor_structure_name, c.name AS actor_client_name
    FROM notification n
    LEFT JOIN outbox_event e ON e.id = n.event_id
    LEFT JOIN person p ON p.id = n.person_id AND EXISTS (
      SELECT 1 FROM membership m WHERE m.account_id = n.account_id AND m.revoked_at IS NULL
        AND m.territory_id = p.territory_id)
    LEFT JOIN team_member r ON r.person_id = p.id AND r.role = 'REFERENT' AND r.left_at IS NULL
    LEFT JOIN structure rs ON rs.id = r.structure_id
    LEFT JOIN account a ON a.id = e.actor_account_id
    LEFT JOIN membership am ON am.id = e.actor_membership_id
    LEFT JOIN structure s ON s.id = am.structure_id
    LEFT JOIN api_client c ON c.id = e.actor_client_id
    WHERE ${where}
    ${orderAndLimit}`;
}

function idIn(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' ? value : null;
}

function viewOf(row: InboxRow): NotificationView {
  return {
    id: row.id,
    accountId: row.account_id,
    eventId: row.event_id,
    type: row.type,
    createdAt: row.created_at,
    readAt: row.read_at,
    cursor: encodeCursor([row.seq]),
    person:
      row.person_id && row.given_name !== null && row.family_name !== null
        ? {
            id: row.person_id,
            givenName: row.given_name,
            familyName: row.family_name,
            birthYear: row.birth_year ?? 0,
            status: row.status ?? PersonStatus.ACTIVE,
            referentStructure:
              row.referent_structure_id && row.referent_structure_name
                ? { id: row.referent_structure_id, name: row.referent_structure_name }
                : null,
            isMember: row.is_member ?? false,
          }
        : null,
    handoverId: idIn(row.payload, 'handoverId'),
    joinRequestId: idIn(row.payload, 'joinRequestId'),
    orientationRequestId: idIn(row.payload, 'orientationRequestId'),
    actor:
      row.actor_given_name !== null && row.actor_family_name !== null
        ? {
            name: `${row.actor_given_name} ${row.actor_family_name}`,
            structure:
              row.actor_structure_id && row.actor_structure_name
                ? { id: row.actor_structure_id, name: row.actor_structure_name }
                : null,
          }
        : row.actor_client_name !== null
          ? { name: row.actor_client_name, structure: null }
          : null,
  };
}

/** The inbox position of a cursor this API gave; BAD_USER_INPUT for any other. */
function seqOf(after: string): string {
  const [seq] = decodeCursor(after);
  if (typeof seq !== 'string' || !/^\d{1,18}$/.test(seq)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave',
      {
        field: 'after',
      },
    );
  }
  return seq;
}

/** Each account's inbox: its own rows only, whoever asks (rule 4: the viewer is the scope). */
@Injectable()
export class InboxReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of the viewer's inbox, in one statement. */
  async page(scope: ViewerScope, query: InboxQuery): Promise<Page<NotificationView>> {
    if (scope.principal.kind !== 'account') throw forbidden();
    const oldestFirst = query.order === 'OLDEST_FIRST';
    const rows = await this.dataSource.query<InboxRow[]>(
      inboxSelect(
        `n.account_id = $1 AND ($2::bigint IS NULL OR n.seq ${oldestFirst ? '>' : '<'} $2)
          AND (NOT $3 OR n.read_at IS NULL)`,
        `ORDER BY n.seq ${oldestFirst ? 'ASC' : 'DESC'} LIMIT $4`,
      ),
      [
        scope.principal.accountId,
        query.after ? seqOf(query.after) : null,
        query.unreadOnly ?? false,
        query.first + 1,
      ],
    );
    const page = toPage(rows, query.first, (row) => [row.seq]);
    return { ...page, nodes: page.nodes.map(viewOf) };
  }

  /**
   * The views of inbox rows by id, for the dispatcher's live pushes (each row's own recipient),
   * in its transaction (`systemScope('dispatcher')`).
   */
  async viewsByIds(
    _scope: SystemScope,
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<NotificationView[]> {
    if (ids.length === 0) return [];
    const rows = await preparedQuery<InboxRow>(
      manager,
      inboxSelect('n.id = ANY($1::uuid[])', 'ORDER BY n.seq'),
      [ids],
    );
    return rows.map(viewOf);
  }
}
