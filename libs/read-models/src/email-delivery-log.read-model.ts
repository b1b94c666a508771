// Serves the admins' "Journal des courriels" screen (Query.emailDeliveries): the emails Relais
// queued for the accounts of a place, sent, waiting or given up, with the SMTP server's reason.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  abilityFor,
  forbidden,
  type MembershipListPlace,
  readableMembershipRoles,
  type ViewerScope,
} from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  type Page,
  toPage,
} from '@relais/core';
import type { EmailDeliveryStatus, EmailKind } from '@relais/notifications';

/** One email as the log shows it: never the data it was rendered from. */
export interface EmailDeliveryLogEntry {
  readonly id: string;
  readonly accountId: string;
  readonly givenName: string;
  readonly familyName: string;
  /** The address it was sent to (the account's when it was queued). */
  readonly toAddress: string;
  readonly kind: EmailKind;
  readonly status: EmailDeliveryStatus;
  readonly attempts: number;
  /** Why the last attempt failed: the SMTP server's answer, or why it was not sent. */
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
  readonly nextAttemptAt: Date | null;
  /** Where the row stands in the log (creation instant with microseconds, id), for its cursor. */
  readonly position: readonly [string, string];
}

export interface EmailDeliveryLogQuery {
  /** A whole territory, one structure, or neither: the platform (platform admins). */
  readonly territoryId?: string | null;
  readonly structureId?: string | null;
  readonly status?: EmailDeliveryStatus | null;
  readonly first: number;
  readonly after?: string | null;
}

interface LogRow {
  id: string;
  account_id: string;
  given_name: string;
  family_name: string;
  to_address: string;
  kind: EmailKind;
  status: EmailDeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  next_attempt_at: Date | null;
  position: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROSECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The position an `after` cursor names; a forged one is bad input, not a database error. */
function positionAfter(after: string): [string, string] {
  const [createdAt, id, ...rest] = decodeCursor(after);
  if (
    rest.length === 0 &&
    typeof createdAt === 'string' &&
    MICROSECOND_INSTANT.test(createdAt) &&
    !Number.isNaN(Date.parse(`${createdAt.slice(0, 23)}Z`)) &&
    typeof id === 'string' &&
    UUID.test(id)
  ) {
    return [createdAt, id];
  }
  throw new DomainError(
    DomainErrorCode.InvalidInput,
    DomainErrorReason.InvalidCursor,
    'after is not a cursor this API gave',
    { field: 'after' },
  );
}

/**
 * The log is scoped like the admins' lists of memberships: an email shows when its recipient
 * held, when it was queued, a membership the caller may read at the place (the same CASL rules,
 * through `readableMembershipRoles`). So a territory admin sees the emails of the territory's
 * accounts, a structure admin those of the structure's professionals, a platform admin those of
 * the territory admins; an account's emails from before it joined, or after it left, stay out.
 * The filter is in the SQL; a place the caller may not read, or that does not exist, is refused.
 */
@Injectable()
export class EmailDeliveryLogReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the log, newest first, in one statement once the place is checked. */
  async page(
    scope: ViewerScope,
    query: EmailDeliveryLogQuery,
  ): Promise<Page<EmailDeliveryLogEntry>> {
    const { principal } = scope;
    if (principal.kind !== 'account') throw forbidden();
    const place = await this.placeOf(query);
    const roles = readableMembershipRoles(abilityFor(principal), place);
    if (roles.length === 0) throw forbidden();
    const after = query.after ? positionAfter(query.after) : null;

    const params: unknown[] = [roles];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    const atPlace =
      place.kind === 'structure'
        ? `AND m.structure_id = ${bind(place.structureId)}::uuid`
        : place.kind === 'territory'
          ? `AND m.territory_id = ${bind(place.territoryId)}::uuid`
          : '';
    if (query.status) where.push(`d.status = ${bind(query.status)}::email_delivery_status`);
    if (after) {
      where.push(
        `(d.created_at, d.id) < (${bind(after[0])}::timestamptz, ${bind(after[1])}::uuid)`,
      );
    }
    const rows = await this.dataSource.query<LogRow[]>(
      `SELECT d.id, d.account_id, a.given_name, a.family_name, d.to_address, d.kind, d.status,
              d.attempts, d.last_error, d.created_at, d.sent_at, d.next_attempt_at,
              to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM email_delivery d
         JOIN account a ON a.id = d.account_id
        WHERE EXISTS (
                SELECT 1 FROM membership m
                 WHERE m.account_id = d.account_id
                   AND m.role = ANY($1::membership_role[]) ${atPlace}
                   AND m.created_at <= d.created_at
                   AND (m.revoked_at IS NULL OR m.revoked_at >= d.created_at))
          ${where.map((condition) => `AND ${condition}`).join(' ')}
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT ${bind(query.first + 1)}`,
      params,
    );
    const entries = rows.map((row): EmailDeliveryLogEntry => ({
      id: row.id,
      accountId: row.account_id,
      givenName: row.given_name,
      familyName: row.family_name,
      toAddress: row.to_address,
      kind: row.kind,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      nextAttemptAt: row.next_attempt_at,
      position: [row.position, row.id],
    }));
    return toPage(entries, query.first, (entry) => [...entry.position]);
  }

  /** The place asked for, checked to exist (an unknown one is refused like a forbidden one). */
  private async placeOf(query: EmailDeliveryLogQuery): Promise<MembershipListPlace> {
    if (query.structureId && query.territoryId) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.FieldsExclusive,
        'give territoryId or structureId, not both',
        { field: 'structureId' },
      );
    }
    if (query.structureId) {
      const [structure] = await this.dataSource.query<{ territory_id: string }[]>(
        `SELECT territory_id FROM structure WHERE id = $1`,
        [query.structureId],
      );
      if (!structure) throw forbidden();
      return {
        kind: 'structure',
        structureId: query.structureId,
        territoryId: structure.territory_id,
      };
    }
    if (query.territoryId) {
      const found = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM territory WHERE id = $1`,
        [query.territoryId],
      );
      if (found.length === 0) throw forbidden();
      return { kind: 'territory', territoryId: query.territoryId };
    }
    return { kind: 'platform' };
  }
}
