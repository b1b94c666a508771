import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actingMembership, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type AccountPrincipal, Role } from '@relais/identity';
import { isTerritoryCode, type TerritoryEntity, TerritoryRepository } from '@relais/organizations';
import { type Invitee, MembershipAdminService } from './membership-admin.service.js';

/** Platform admins open territories, each with its first territory admin. */
@Injectable()
export class TerritoryAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipAdminService,
    private readonly territories: TerritoryRepository,
  ) {}

  /** The territories the caller belongs to, or all of them for a platform admin. */
  async list(principal: AccountPrincipal): Promise<TerritoryEntity[]> {
    const platform = principal.memberships.some(
      (membership) => membership.role === Role.PLATFORM_ADMIN,
    );
    const ids = principal.memberships.flatMap((membership) => membership.territoryId ?? []);
    return this.territories.listByCode(platform ? null : ids);
  }

  async create(
    principal: AccountPrincipal,
    code: string,
    name: string,
    firstAdmin: Invitee,
  ): Promise<TerritoryEntity> {
    const acting = actingMembership(principal, (ability) => ability.can('create', 'Territory'));
    if (!isTerritoryCode(code)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.InvalidFormat,
        'code must be a département code: 01..95, 2A, 2B or 971..976',
        {
          field: 'code',
        },
      );
    }
    const territory = await this.dataSource.transaction(async (manager) => {
      if (await this.territories.codeTaken(code, manager)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.TerritoryExists,
          `Territory ${code} already exists.`,
          {
            field: 'code',
          },
        );
      }
      const created = await this.territories.create({ code, name }, manager);
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'territory.create',
        subjectType: 'Territory',
        subjectId: created.id,
        territoryId: created.id,
        structureId: null,
        before: null,
        after: { code, name },
      });
      return created;
    });
    // The first admin is invited as any territory admin would be, and recorded the same way.
    await this.memberships.invite(principal, firstAdmin, {
      role: Role.TERRITORY_ADMIN,
      territoryId: territory.id,
    });
    return territory;
  }
}
