// Serves the daily email digest: the unread notifications no email told, and the people oriented
// to a structure that wait for a referent there.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { DataSource } from 'typeorm';

/** An unread notification of the digest's window, as its sentence needs it. */
export interface DigestNotificationRow {
  readonly accountId: string;
  readonly eventId: string;
  readonly type: string;
  readonly createdAt: Date;
  readonly payload: Record<string, unknown>;
  readonly personId: string | null;
  /** Null when the recipient no longer works in the person's territory: the email names nobody. */
  readonly personName: { readonly givenName: string; readonly familyName: string } | null;
  readonly actorName: string | null;
  readonly actorStructureName: string | null;
}

/** A person oriented to a structure the account administers, with no professional named there. */
export interface UnassignedRow {
  readonly accountId: string;
  readonly structureId: string;
  readonly structureName: string;
  readonly handoverId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly orientedAt: Date;
}

/**
 * The unread notifications of `(since, until]` that no email told already (an immediate email is
 * one `email_delivery` row for the account and the event), of these types.
 */
const UNREAD_WHERE = `n.read_at IS NULL AND n.created_at > $1 AND n.created_at <= $2
  AND n.type = ANY($3::text[])
  AND NOT EXISTS (SELECT 1 FROM email_delivery d
    WHERE d.account_id = n.account_id AND d.event_id = n.event_id)`;

/**
 * Open handovers that come from an accepted orientation and name no professional: the person was
 * oriented to the structure and waits there for a referent. `m` is the admin's membership. The
 * home's work queue (WorkQueueReadModel) lists them by the same rule.
 */
export const UNASSIGNED_JOIN = `JOIN handover h ON h.to_structure_id = m.structure_id
    AND h.status = 'PROPOSED' AND h.orientation_request_id IS NOT NULL AND h.to_account_id IS NULL
  JOIN person p ON p.id = h.person_id AND p.status = 'ACTIVE'`;

/** `m` is an active structure admin membership. */
export const ADMIN_MEMBERSHIP = `m.role = 'STRUCTURE_ADMIN' AND m.revoked_at IS NULL`;

/**
 * Read by the daily digest job (system scope): who has something to be told, then what, for a
 * chunk of accounts at a time. The person is named only to a recipient still working in the
 * person's territory, as the inbox names them.
 */
@Injectable()
export class DailyDigestReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The accounts with something for the digest, in id order after `afterId`: unread notifications
   * of the window that no email told, or (structure admins) people waiting for a referent.
   */
  async accountsToTell(
    _scope: SystemScope,
    window: { readonly since: Date; readonly until: Date; readonly types: readonly string[] },
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<{ account_id: string }[]>(
      `SELECT account_id FROM (
         SELECT n.account_id FROM notification n WHERE ${UNREAD_WHERE}
         UNION
         SELECT m.account_id FROM membership m ${UNASSIGNED_JOIN} WHERE ${ADMIN_MEMBERSHIP}
       ) candidates
       WHERE $4::uuid IS NULL OR account_id > $4::uuid
       ORDER BY account_id LIMIT $5`,
      [window.since, window.until, window.types, afterId, limit],
    );
    return rows.map((row) => row.account_id);
  }

  /** The unread notifications of the window that no email told, for these accounts, oldest first. */
  async unreadNotifications(
    _scope: SystemScope,
    window: { readonly since: Date; readonly until: Date; readonly types: readonly string[] },
    accountIds: readonly string[],
  ): Promise<DigestNotificationRow[]> {
    if (accountIds.length === 0) return [];
    const rows = await this.dataSource.query<
      {
        account_id: string;
        event_id: string;
        type: string;
        created_at: Date;
        payload: Record<string, unknown>;
        person_id: string | null;
        given_name: string | null;
        family_name: string | null;
        actor_given_name: string | null;
        actor_family_name: string | null;
        actor_client_name: string | null;
        actor_structure_name: string | null;
      }[]
    >(
      `SELECT n.account_id, n.event_id, n.type, n.created_at, n.payload, n.person_id,
              p.given_name, p.family_name,
              a.given_name AS actor_given_name, a.family_name AS actor_family_name,
              c.name AS actor_client_name, s.name AS actor_structure_name
         FROM notification n
         LEFT JOIN outbox_event e ON e.id = n.event_id
         LEFT JOIN person p ON p.id = n.person_id AND EXISTS (
           SELECT 1 FROM membership m WHERE m.account_id = n.account_id AND m.revoked_at IS NULL
             AND m.territory_id = p.territory_id)
         LEFT JOIN account a ON a.id = e.actor_account_id
         LEFT JOIN membership am ON am.id = e.actor_membership_id
         LEFT JOIN structure s ON s.id = am.structure_id
         LEFT JOIN api_client c ON c.id = e.actor_client_id
        WHERE ${UNREAD_WHERE} AND n.account_id = ANY($4::uuid[])
        ORDER BY n.account_id, n.created_at, n.seq`,
      [window.since, window.until, window.types, accountIds],
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      eventId: row.event_id,
      type: row.type,
      createdAt: row.created_at,
      payload: row.payload,
      personId: row.person_id,
      personName:
        row.given_name === null
          ? null
          : { givenName: row.given_name, familyName: row.family_name ?? '' },
      actorName:
        row.actor_given_name !== null
          ? `${row.actor_given_name} ${row.actor_family_name ?? ''}`.trim()
          : row.actor_client_name,
      actorStructureName: row.actor_structure_name,
    }));
  }

  /**
   * For these accounts, the people oriented to a structure they administer who wait there for a
   * referent, longest waiting first.
   */
  async unassignedPeople(
    _scope: SystemScope,
    accountIds: readonly string[],
  ): Promise<UnassignedRow[]> {
    if (accountIds.length === 0) return [];
    const rows = await this.dataSource.query<
      {
        account_id: string;
        structure_id: string;
        structure_name: string;
        handover_id: string;
        given_name: string;
        family_name: string;
        oriented_at: Date;
      }[]
    >(
      `SELECT m.account_id, m.structure_id, st.name AS structure_name, h.id AS handover_id,
              p.given_name, p.family_name, h.created_at AS oriented_at
         FROM membership m ${UNASSIGNED_JOIN}
         JOIN structure st ON st.id = m.structure_id
        WHERE ${ADMIN_MEMBERSHIP} AND m.account_id = ANY($1::uuid[])
        ORDER BY m.account_id, st.name, h.created_at, h.id`,
      [accountIds],
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      structureId: row.structure_id,
      structureName: row.structure_name,
      handoverId: row.handover_id,
      givenName: row.given_name,
      familyName: row.family_name,
      orientedAt: row.oriented_at,
    }));
  }
}
