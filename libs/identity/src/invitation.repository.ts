import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager } from 'typeorm';
import type { AccountStatus } from './account.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { type MembershipPlace, membershipPlaceFilter, SqlParameters } from './membership-place.js';
import type { Role } from './role.js';

/** An invitation of a list, with its account, its membership and its inviter. */
export interface InvitationListRecord {
  id: string;
  createdAt: Date;
  /** The creation time with its microseconds, for the list's cursor. */
  position: string;
  accountId: string;
  email: string;
  givenName: string;
  familyName: string;
  accountStatus: AccountStatus;
  accepted: boolean;
  membershipId: string;
  role: Role;
  structureId: string | null;
  territoryId: string | null;
  revokedAt: Date | null;
  invitedByAccountId: string;
  invitedByMembershipId: string;
}

export interface InvitationListQuery {
  readonly place: MembershipPlace;
  /** The roles the caller may read at the place. */
  readonly roles: readonly Role[];
  /** The position (creation instant with microseconds, id) the page starts after. */
  readonly after: readonly [string, string] | null;
  /** Rows to read (a page and one more, to know whether another follows). */
  readonly limit: number;
}

/** The `invitation` table: its one owner. */
@Injectable()
export class InvitationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    fields: DeepPartial<InvitationEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InvitationEntity> {
    return manager.save(manager.create(InvitationEntity, fields));
  }

  /** The invitation, locked for the caller's transaction (a resend counts its sends under it). */
  async lockById(id: string, manager: EntityManager): Promise<InvitationEntity | null> {
    return manager.findOne(InvitationEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Invitations at the place, newest first (one statement). */
  async listAt(query: InvitationListQuery): Promise<InvitationListRecord[]> {
    const sql = new SqlParameters();
    const where = membershipPlaceFilter(query.place, query.roles, sql);
    if (query.after) {
      const [createdAt, id] = query.after;
      where.push(
        `(i.created_at, i.id) < (${sql.bind(createdAt)}::timestamptz, ${sql.bind(id)}::uuid)`,
      );
    }
    // The position keeps microseconds: a millisecond Date would skip rows of the same millisecond.
    return this.dataSource.query<InvitationListRecord[]>(
      `SELECT i.id, i.created_at AS "createdAt",
              to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "position",
              a.id AS "accountId", a.email, a.given_name AS "givenName",
              a.family_name AS "familyName", a.status AS "accountStatus",
              a.oidc_subject IS NOT NULL AS "accepted",
              m.id AS "membershipId", m.role, m.structure_id AS "structureId",
              m.territory_id AS "territoryId", m.revoked_at AS "revokedAt",
              inviter.account_id AS "invitedByAccountId",
              i.invited_by_membership_id AS "invitedByMembershipId"
         FROM invitation i
         JOIN membership m ON m.id = i.membership_id
         JOIN account a ON a.id = i.account_id
         JOIN membership inviter ON inviter.id = i.invited_by_membership_id
        WHERE ${where.join(' AND ')}
        ORDER BY i.created_at DESC, i.id DESC
        LIMIT ${sql.bind(query.limit)}`,
      sql.values,
    );
  }
}
