import { Injectable } from '@nestjs/common';
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
import {
  type AccountStatus,
  type InvitationListRecord,
  InvitationRepository,
  type MembershipListRecord,
  MembershipRepository,
  type Principal,
  type Role,
} from '@relais/identity';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';

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

const accountOf = (record: InvitationListRecord | MembershipListRecord): AccountSummary => ({
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
  constructor(
    private readonly invitationRepository: InvitationRepository,
    private readonly membershipRepository: MembershipRepository,
    private readonly structures: StructureRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /** Invitations at the place, newest first. */
  async invitations(
    principal: Principal,
    at: DirectoryPlace,
    first: number,
    after?: string | null,
  ): Promise<Page<InvitationRow>> {
    const { place, roles } = await this.readable(principal, at);
    let position: [string, string] | null = null;
    if (after) {
      const [createdAt, id] = positionAfter(after, [isInstant, isUuid]);
      position = [createdAt, id];
    }
    const records = await this.invitationRepository.listAt({
      place,
      roles,
      after: position,
      limit: first + 1,
    });
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
    let position: [string, string, string] | null = null;
    if (options.after) {
      const [familyName, givenName, id] = positionAfter(options.after, [isText, isText, isUuid]);
      position = [familyName, givenName, id];
    }
    const records = await this.membershipRepository.listAt({
      place,
      roles,
      includeRevoked: options.includeRevoked,
      after: position,
      limit: options.first + 1,
    });
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
      const structure = await this.structures.byId(at.structureId);
      if (!structure) throw forbidden();
      place = { kind: 'structure', structureId: structure.id, territoryId: structure.territoryId };
    } else if (at.territoryId) {
      if (!(await this.territories.exists(at.territoryId))) {
        throw forbidden();
      }
      place = { kind: 'territory', territoryId: at.territoryId };
    }
    const roles = readableMembershipRoles(abilityFor(principal), place);
    if (roles.length === 0) throw forbidden();
    return { place, roles };
  }
}
