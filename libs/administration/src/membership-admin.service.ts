import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  AccessRevocations,
  type AccountEntity,
  AccountRepository,
  AccountStatus,
  type InvitationEntity,
  InvitationRepository,
  type MembershipEntity,
  MembershipRepository,
  type AccountPrincipal,
} from '@relais/identity';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';
import { InvitationEmails } from './invitation-emails.service.js';
import {
  grantOf,
  type MembershipScope,
  membershipScopeOf,
  membershipSnapshot,
  type MembershipTarget,
  saveMembershipChange,
} from './membership-scope.js';

export type { MembershipTarget } from './membership-scope.js';

export interface Invitee {
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
}

export interface Invited {
  readonly account: AccountEntity;
  readonly membership: MembershipEntity;
  readonly invitation: InvitationEntity;
}

/**
 * Admins invite people and grant or revoke their memberships, and disable or enable accounts:
 * territory admins in their territory, structure admins for the professionals of their
 * structure, the platform admin for territory admins. Each change is recorded.
 */
@Injectable()
export class MembershipAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: AccessRevocations,
    private readonly accounts: AccountRepository,
    private readonly memberships: MembershipRepository,
    private readonly invitations: InvitationRepository,
    private readonly structures: StructureRepository,
    private readonly territories: TerritoryRepository,
    private readonly invitationEmails: InvitationEmails,
  ) {}

  /**
   * Invites someone into a role: finds their account by email (case-insensitive) or creates it,
   * grants the membership and stores the invitation, in one transaction.
   */
  async invite(
    principal: AccountPrincipal,
    invitee: Invitee,
    target: MembershipTarget,
  ): Promise<Invited> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopeOf(manager, target);
      const acting = actingMembership(principal, (ability) =>
        ability.can('create', subject('Membership', { role: target.role, ...scope })),
      );
      let account = await this.accounts.byEmail(invitee.email, manager);
      account ??= await this.accounts.create(
        {
          email: invitee.email,
          givenName: invitee.givenName,
          familyName: invitee.familyName,
          status: AccountStatus.ACTIVE,
          oidcIssuer: null,
          oidcSubject: null,
        },
        manager,
      );
      const duplicate = await this.memberships.holdsActive(
        {
          accountId: account.id,
          role: target.role,
          structureId: scope.structureId,
          territoryId: scope.territoryId,
        },
        manager,
      );
      if (duplicate) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.RoleAlreadyHeld,
          'This person already holds this role here.',
          {
            field: 'role',
          },
        );
      }
      const membership = await this.memberships.create(
        { accountId: account.id, role: target.role, ...scope, revokedAt: null },
        manager,
      );
      const invitation = await this.invitations.create(
        {
          accountId: account.id,
          membershipId: membership.id,
          invitedByMembershipId: acting.id,
          territoryId: scope.territoryId,
          structureId: scope.structureId,
        },
        manager,
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'membership.grant',
        subjectType: 'Membership',
        subjectId: membership.id,
        territoryId: scope.territoryId,
        structureId: scope.structureId,
        before: null,
        after: { ...membershipSnapshot(membership), email: account.email },
      });
      await this.invitationEmails.enqueue(manager, {
        invitationId: invitation.id,
        invitee: account,
        inviterAccountId: principal.accountId,
        role: target.role,
        structureId: scope.structureId,
        territoryId: scope.territoryId,
      });
      return { account, membership, invitation };
    });
  }

  /**
   * Sends the invitation email again, for the admins who may invite into its role and place;
   * refused once the invitee has signed in or the membership was revoked. Gives the send's number.
   */
  async resendInvitation(principal: AccountPrincipal, invitationId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.invitations.lockById(invitationId, manager);
      if (!invitation) throw forbidden();
      const membership = await this.memberships.byId(invitation.membershipId, manager);
      if (!membership) throw forbidden();
      actingMembership(principal, (ability) =>
        ability.can(
          'create',
          subject('Membership', {
            role: membership.role,
            structureId: membership.structureId,
            territoryId: membership.territoryId,
          }),
        ),
      );
      const account = await this.accounts.byId(invitation.accountId, manager);
      if (!account) throw forbidden();
      if (membership.revokedAt) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.InvitationRevoked,
          'The membership this invitation granted was revoked.',
          { field: 'invitationId' },
        );
      }
      if (account.oidcSubject !== null) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.InvitationAccepted,
          'The invited person has already signed in.',
          { field: 'invitationId' },
        );
      }
      return this.invitationEmails.enqueue(manager, {
        invitationId: invitation.id,
        invitee: account,
        inviterAccountId: principal.accountId,
        role: membership.role,
        structureId: membership.structureId,
        territoryId: membership.territoryId,
      });
    });
  }

  /** Ends a membership; the account's live connections close at once. */
  async revoke(principal: AccountPrincipal, membershipId: string): Promise<MembershipEntity> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const membership = await this.memberships.lockActiveById(membershipId, manager);
      if (!membership) throw forbidden();
      const acting = actingMembership(principal, (ability) =>
        ability.can('revoke', subject('Membership', grantOf(membership))),
      );
      await saveMembershipChange(
        manager,
        this.memberships,
        membership,
        {
          actorAccountId: principal.accountId,
          actorMembershipId: acting.id,
          action: 'membership.revoke',
        },
        (revoking) => {
          revoking.revokedAt = new Date();
        },
      );
      return membership;
    });
    this.revocations.revoked(revoked.accountId);
    return revoked;
  }

  /**
   * Disables or enables an account. The caller must be entitled to revoke every active
   * membership of the account: an admin cannot lock someone out of places beyond their reach.
   */
  async setStatus(
    principal: AccountPrincipal,
    accountId: string,
    status: AccountStatus,
  ): Promise<AccountEntity> {
    const account = await this.dataSource.transaction(async (manager) => {
      const found = await this.accounts.lockById(accountId, manager);
      if (!found || found.id === principal.accountId) throw forbidden();
      const memberships = await this.memberships.activeGrantsOf(accountId, manager);
      // Every membership must be within the caller's reach; each check refuses otherwise.
      const [acting] = memberships.map((membership) =>
        actingMembership(principal, (ability) =>
          ability.can('revoke', subject('Membership', grantOf(membership))),
        ),
      );
      const [place] = memberships;
      if (!acting || !place) throw forbidden();
      const before = { status: found.status };
      found.status = status;
      await this.accounts.save(found, manager);
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: status === AccountStatus.DISABLED ? 'account.disable' : 'account.enable',
        subjectType: 'Account',
        subjectId: found.id,
        territoryId: place.territoryId,
        structureId: place.structureId,
        before,
        after: { status },
      });
      return found;
    });
    if (status === AccountStatus.DISABLED) this.revocations.revoked(account.id);
    return account;
  }

  private scopeOf(manager: EntityManager, target: MembershipTarget): Promise<MembershipScope> {
    return membershipScopeOf(
      manager,
      { structures: this.structures, territories: this.territories },
      target,
    );
  }
}
