import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource } from 'typeorm';
import { abilityFor, actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  AccessRevocations,
  AccountRepository,
  AccountStatus,
  type AccountPrincipal,
  type MembershipEntity,
  MembershipRepository,
  Role,
  STRUCTURE_ROLES,
} from '@relais/identity';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';
import {
  grantOf,
  membershipScopeOf,
  membershipSnapshot,
  type MembershipTarget,
  saveMembershipChange,
} from './membership-scope.js';

const roleRefused = (
  reason: DomainErrorReason,
  message: string,
  code = DomainErrorCode.InvalidInput,
) => new DomainError(code, reason, message, { field: 'role' });

/** Whether the role is held at the kind of place the membership names (structure or territory). */
function roleFitsPlace(role: Role, membership: MembershipEntity): boolean {
  if (membership.structureId !== null) return STRUCTURE_ROLES.includes(role);
  if (membership.territoryId !== null) return role === Role.TERRITORY_ADMIN;
  return role === Role.PLATFORM_ADMIN;
}

/**
 * Changes to the memberships of accounts already known, without a new invitation: another role
 * for a membership, or one more membership for an account. Authorised by the same rules as
 * inviting: the caller must be able to grant the new role at the place (and, for a change, to
 * revoke the role held), through one of their memberships. Each change is recorded, and the
 * account's live connections close so they reopen with its new rights.
 */
@Injectable()
export class MembershipChangeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: AccessRevocations,
    private readonly accounts: AccountRepository,
    private readonly memberships: MembershipRepository,
    private readonly structures: StructureRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /**
   * Gives a membership another role at the same place. The membership keeps its id, so the
   * teams it is in, its pending requests and what was done on its behalf stay with it; the
   * audit log keeps the role it had before.
   */
  async changeRole(
    principal: AccountPrincipal,
    membershipId: string,
    role: Role,
  ): Promise<MembershipEntity> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.lockActiveById(membershipId, manager);
      if (!membership) throw forbidden();
      const held = grantOf(membership);
      // Someone who may not take this role away learns nothing more about the membership.
      actingMembership(principal, (ability) => ability.can('revoke', subject('Membership', held)));
      if (membership.accountId === principal.accountId) throw forbidden();
      if (role === membership.role) {
        throw roleRefused(DomainErrorReason.SameRole, 'The membership already has this role.');
      }
      if (!roleFitsPlace(role, membership)) {
        throw roleRefused(
          DomainErrorReason.RoleNotForPlace,
          membership.structureId !== null
            ? 'A structure membership takes PROFESSIONAL, ORIENTATION_MANAGER or STRUCTURE_ADMIN.'
            : 'This membership cannot take a structure role: add a membership instead.',
        );
      }
      const acting = actingMembership(
        principal,
        (ability) =>
          ability.can('revoke', subject('Membership', held)) &&
          ability.can('create', subject('Membership', { ...held, role })),
      );
      const duplicate = await this.memberships.holdsActive(
        { accountId: membership.accountId, ...held, role },
        manager,
      );
      if (duplicate) {
        throw roleRefused(
          DomainErrorReason.RoleAlreadyHeld,
          'This person already holds this role here.',
          DomainErrorCode.Conflict,
        );
      }
      await saveMembershipChange(
        manager,
        this.memberships,
        membership,
        {
          actorAccountId: principal.accountId,
          actorMembershipId: acting.id,
          action: 'membership.change_role',
        },
        (changing) => {
          changing.role = role;
        },
      );
      return membership;
    });
    this.revocations.revoked(changed.accountId);
    return changed;
  }

  /**
   * Adds a membership to an account the caller administers somewhere (one of its memberships,
   * current or past, is readable by the caller): no invitation, no email.
   */
  async addMembership(
    principal: AccountPrincipal,
    accountId: string,
    target: MembershipTarget,
  ): Promise<MembershipEntity> {
    const added = await this.dataSource.transaction(async (manager) => {
      const account = await this.accounts.lockById(accountId, manager);
      if (!account || account.id === principal.accountId) throw forbidden();
      const ability = abilityFor(principal);
      const known = await this.memberships.allGrantsOf(account.id, manager);
      const administered = known.some((membership) =>
        ability.can('read', subject('Membership', grantOf(membership))),
      );
      if (!administered) throw forbidden();
      const scope = await membershipScopeOf(
        manager,
        { structures: this.structures, territories: this.territories },
        target,
      );
      const acting = actingMembership(principal, (own) =>
        own.can('create', subject('Membership', { role: target.role, ...scope })),
      );
      if (account.status === AccountStatus.DISABLED) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.AccountDisabled,
          'The account is disabled: enable it first.',
          { field: 'accountId' },
        );
      }
      const duplicate = await this.memberships.holdsActive(
        { accountId: account.id, role: target.role, ...scope },
        manager,
      );
      if (duplicate) {
        throw roleRefused(
          DomainErrorReason.RoleAlreadyHeld,
          'This person already holds this role here.',
          DomainErrorCode.Conflict,
        );
      }
      const membership = await this.memberships.create(
        { accountId: account.id, role: target.role, ...scope, revokedAt: null },
        manager,
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'membership.add',
        subjectType: 'Membership',
        subjectId: membership.id,
        territoryId: scope.territoryId,
        structureId: scope.structureId,
        before: null,
        after: { ...membershipSnapshot(membership), email: account.email },
      });
      return membership;
    });
    this.revocations.revoked(added.accountId);
    return added;
  }
}
