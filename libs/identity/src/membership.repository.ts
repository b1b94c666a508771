import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager, In, IsNull } from 'typeorm';
import type { AccountStatus } from './account.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { type MembershipPlace, membershipPlaceFilter, SqlParameters } from './membership-place.js';
import { ADMIN_ROLES, type Role } from './role.js';

/** A membership of a list, with its account. */
export interface MembershipListRecord {
  id: string;
  accountId: string;
  role: Role;
  structureId: string | null;
  territoryId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  email: string;
  givenName: string;
  familyName: string;
  accountStatus: AccountStatus;
}

export interface MembershipListQuery {
  readonly place: MembershipPlace;
  /** The roles the caller may read at the place. */
  readonly roles: readonly Role[];
  readonly includeRevoked: boolean;
  /** The position (family name, given name, id) the page starts after. */
  readonly after: readonly [string, string, string] | null;
  /** Rows to read (a page and one more, to know whether another follows). */
  readonly limit: number;
}

/** The `membership` table: its one owner. */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account's active memberships. */
  async activeGrantsOf(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipEntity[]> {
    return manager.findBy(MembershipEntity, { accountId, revokedAt: IsNull() });
  }

  /** Every membership the account holds or held, revoked ones included. */
  async allGrantsOf(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipEntity[]> {
    return manager.findBy(MembershipEntity, { accountId });
  }

  /** Whether the account holds an active admin role. */
  async holdsAdminRole(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(MembershipEntity, {
      accountId,
      revokedAt: IsNull(),
      role: In([...ADMIN_ROLES]),
    });
  }

  /** Whether the account already holds this role at this place, unrevoked. */
  async holdsActive(
    grant: {
      accountId: string;
      role: Role;
      structureId: string | null;
      territoryId: string | null;
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(MembershipEntity, {
      accountId: grant.accountId,
      role: grant.role,
      structureId: grant.structureId ?? IsNull(),
      territoryId: grant.territoryId ?? IsNull(),
      revokedAt: IsNull(),
    });
  }

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipEntity | null> {
    return manager.findOneBy(MembershipEntity, { id });
  }

  /** An active membership, its row locked until the caller's transaction ends. */
  async lockActiveById(id: string, manager: EntityManager): Promise<MembershipEntity | null> {
    return manager.findOne(MembershipEntity, {
      where: { id, revokedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async create(
    fields: DeepPartial<MembershipEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipEntity> {
    return manager.save(manager.create(MembershipEntity, fields));
  }

  /** Saves a membership loaded (and changed) by the caller. */
  async save(
    membership: MembershipEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MembershipEntity> {
    return manager.save(membership);
  }

  /** Memberships at the place with their accounts, by family name, given name, then id (one statement). */
  async listAt(query: MembershipListQuery): Promise<MembershipListRecord[]> {
    const sql = new SqlParameters();
    const where = membershipPlaceFilter(query.place, query.roles, sql);
    if (!query.includeRevoked) where.push('m.revoked_at IS NULL');
    if (query.after) {
      const [familyName, givenName, id] = query.after;
      where.push(
        `(a.family_name, a.given_name, m.id) > (${sql.bind(familyName)}, ${sql.bind(givenName)}, ${sql.bind(id)}::uuid)`,
      );
    }
    return this.dataSource.query<MembershipListRecord[]>(
      `SELECT m.id, m.account_id AS "accountId", m.role, m.structure_id AS "structureId",
              m.territory_id AS "territoryId", m.created_at AS "createdAt",
              m.revoked_at AS "revokedAt",
              a.email, a.given_name AS "givenName", a.family_name AS "familyName",
              a.status AS "accountStatus"
         FROM membership m
         JOIN account a ON a.id = m.account_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.family_name, a.given_name, m.id
        LIMIT ${sql.bind(query.limit)}`,
      sql.values,
    );
  }
}
