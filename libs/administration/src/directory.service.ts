import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  abilityFor,
  forbidden,
  type MembershipListPlace,
  readableMembershipRoles,
} from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  type Page,
  toPage,
} from '@relais/core';
import type { AccountStatus, Principal, Role } from '@relais/identity';
import { StructureEntity, TerritoryEntity } from '@relais/organizations';

/** A structure, a territory, or neither: the whole platform. */
export interface DirectoryPlace {
  readonly territoryId?: string | null;
  readonly structureId?: string | null;
}

export interface AccountSummary {
  readonly id: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly status: AccountStatus;
}

export interface MembershipSummary {
  readonly id: string;
  readonly accountId: string;
  readonly role: Role;
  readonly structureId: string | null;
  readonly territoryId: string | null;
  readonly revokedAt: Date | null;
}

export interface InvitationRow {
  readonly id: string;
  readonly createdAt: Date;
  readonly account: AccountSummary;
  readonly membership: MembershipSummary;
  readonly invitedByAccountId: string;
  readonly invitedByMembershipId: string;
  readonly accepted: boolean;
  /** Where the row stands in the list, for its cursor. */
  readonly position: readonly string[];
}

export interface MembershipRow extends MembershipSummary {
  readonly createdAt: Date;
  readonly account: AccountSummary;
  /** Where the row stands in the list, for its cursor. */
  readonly position: readonly string[];
}

export interface MembershipListOptions {
  readonly includeRevoked: boolean;
  readonly first: number;
  readonly after?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICROSECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const isUuid = (part: string) => UUID.test(part);
const isInstant = (part: string) =>
  MICROSECOND_INSTANT.test(part) && !Number.isNaN(Date.parse(`${part.slice(0, 23)}Z`));
const isText = () => true;

/** The position an `after` cursor names, part by part: a forged one is bad input, not a database error. */
function positionAfter(after: string, parts: readonly ((part: string) => boolean)[]): string[] {
  const position = decodeCursor(after);
  const valid = (part: string | number, index: number): part is string =>
    typeof part === 'string' && (parts[index]?.(part) ?? false);
  if (position.length === parts.length && position.every(valid)) return position;
  throw new DomainError(
    DomainErrorCode.InvalidInput,
    DomainErrorReason.InvalidCursor,
    'after is not a cursor this API gave',
    {
      field: 'after',
    },
  );
}

/** Positional parameters for one SQL statement. */
class Parameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The rows of a list at a place, to the roles the caller may read there (the place is checked first). */
function placeFilter(
  place: MembershipListPlace,
  roles: readonly Role[],
  sql: Parameters,
): string[] {
  const byRole = `m.role = ANY(${sql.bind(roles)}::membership_role[])`;
  switch (place.kind) {
    case 'structure':
      return [byRole, `m.structure_id = ${sql.bind(place.structureId)}`];
    case 'territory':
      return [byRole, `m.territory_id = ${sql.bind(place.territoryId)}`];
    case 'platform':
      return [byRole];
  }
}

interface InvitationRecord {
  id: string;
  createdAt: Date;
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

interface MembershipRecord {
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

const accountOf = (record: InvitationRecord | MembershipRecord): AccountSummary => ({
  id: record.accountId,
  email: record.email,
  givenName: record.givenName,
  familyName: record.familyName,
  status: record.accountStatus,
});

/**
 * The admins' lists of invitations and memberships, one SQL statement each. Who sees what comes
 * from the same CASL rules that check a single membership (`readableMembershipRoles`): territory
 * admins the whole territory, structure admins the professionals of their structure, platform
 * admins the territory admins. A place the caller may not read, or that does not exist, is
 * refused alike.
 */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Invitations at the place, newest first. */
  async invitations(
    principal: Principal,
    at: DirectoryPlace,
    first: number,
    after?: string | null,
  ): Promise<Page<InvitationRow>> {
    const { place, roles } = await this.readable(principal, at);
    const sql = new Parameters();
    const where = placeFilter(place, roles, sql);
    if (after) {
      const [createdAt, id] = positionAfter(after, [isInstant, isUuid]);
      where.push(
        `(i.created_at, i.id) < (${sql.bind(createdAt)}::timestamptz, ${sql.bind(id)}::uuid)`,
      );
    }
    // The position keeps microseconds: a millisecond Date would skip rows of the same millisecond.
    const records = await this.dataSource.query<InvitationRecord[]>(
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
        LIMIT ${sql.bind(first + 1)}`,
      sql.values,
    );
    const rows = records.map((record): InvitationRow => ({
      id: record.id,
      createdAt: record.createdAt,
      account: accountOf(record),
      membership: {
        id: record.membershipId,
        accountId: record.accountId,
        role: record.role,
        structureId: record.structureId,
        territoryId: record.territoryId,
        revokedAt: record.revokedAt,
      },
      invitedByAccountId: record.invitedByAccountId,
      invitedByMembershipId: record.invitedByMembershipId,
      accepted: record.accepted,
      position: [record.position, record.id],
    }));
    return toPage(rows, first, (row) => [...row.position]);
  }

  /** Memberships at the place with their accounts, by family name, given name, then id. */
  async memberships(
    principal: Principal,
    at: DirectoryPlace,
    options: MembershipListOptions,
  ): Promise<Page<MembershipRow>> {
    const { place, roles } = await this.readable(principal, at);
    const sql = new Parameters();
    const where = placeFilter(place, roles, sql);
    if (!options.includeRevoked) where.push('m.revoked_at IS NULL');
    if (options.after) {
      const [familyName, givenName, id] = positionAfter(options.after, [isText, isText, isUuid]);
      where.push(
        `(a.family_name, a.given_name, m.id) > (${sql.bind(familyName)}, ${sql.bind(givenName)}, ${sql.bind(id)}::uuid)`,
      );
    }
    const records = await this.dataSource.query<MembershipRecord[]>(
      `SELECT m.id, m.account_id AS "accountId", m.role, m.structure_id AS "structureId",
              m.territory_id AS "territoryId", m.created_at AS "createdAt",
              m.revoked_at AS "revokedAt",
              a.email, a.given_name AS "givenName", a.family_name AS "familyName",
              a.status AS "accountStatus"
         FROM membership m
         JOIN account a ON a.id = m.account_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.family_name, a.given_name, m.id
        LIMIT ${sql.bind(options.first + 1)}`,
      sql.values,
    );
    const rows = records.map((record): MembershipRow => ({
      id: record.id,
      accountId: record.accountId,
      role: record.role,
      structureId: record.structureId,
      territoryId: record.territoryId,
      createdAt: record.createdAt,
      revokedAt: record.revokedAt,
      account: accountOf(record),
      position: [record.familyName, record.givenName, record.id],
    }));
    return toPage(rows, options.first, (row) => [...row.position]);
  }

  /** The place, checked to exist, and the roles the caller may read there; none is a refusal. */
  private async readable(
    principal: Principal,
    at: DirectoryPlace,
  ): Promise<{ place: MembershipListPlace; roles: Role[] }> {
    if (at.structureId && at.territoryId) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.FieldsExclusive,
        'give territoryId or structureId, not both',
        { field: 'structureId' },
      );
    }
    let place: MembershipListPlace = { kind: 'platform' };
    if (at.structureId) {
      const structure = await this.dataSource.manager.findOneBy(StructureEntity, {
        id: at.structureId,
      });
      if (!structure) throw forbidden();
      place = { kind: 'structure', structureId: structure.id, territoryId: structure.territoryId };
    } else if (at.territoryId) {
      if (!(await this.dataSource.manager.existsBy(TerritoryEntity, { id: at.territoryId }))) {
        throw forbidden();
      }
      place = { kind: 'territory', territoryId: at.territoryId };
    }
    const roles = readableMembershipRoles(abilityFor(principal), place);
    if (roles.length === 0) throw forbidden();
    return { place, roles };
  }
}
