import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  AccessRevocations,
  type AccountPrincipal,
  API_SCOPES,
  type ApiClientEntity,
  ApiClientRepository,
  newClientSecret,
} from '@relais/identity';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';

export interface NewApiClient {
  readonly name: string;
  readonly territoryId: string;
  readonly structureId?: string | null;
  readonly scopes: readonly string[];
}

/** A client and its secret, which is shown this once and kept only as a hash. */
export interface ApiClientWithSecret {
  readonly client: ApiClientEntity;
  readonly clientSecret: string;
}

function snapshot(client: ApiClientEntity): Record<string, unknown> {
  return {
    name: client.name,
    territoryId: client.territoryId,
    structureId: client.structureId,
    scopes: client.scopes,
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}

/** Territory admins create, list, rotate and revoke the partner API clients of their territory. */
@Injectable()
export class ApiClientAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly revocations: AccessRevocations,
    private readonly clients: ApiClientRepository,
    private readonly territories: TerritoryRepository,
    private readonly structures: StructureRepository,
  ) {}

  async list(principal: AccountPrincipal, territoryId: string): Promise<ApiClientEntity[]> {
    actingMembership(principal, (ability) =>
      ability.can('read', subject('ApiClient', { territoryId, structureId: null })),
    );
    return this.clients.ofTerritory(territoryId);
  }

  async create(principal: AccountPrincipal, input: NewApiClient): Promise<ApiClientWithSecret> {
    const acting = actingMembership(principal, (ability) =>
      ability.can(
        'create',
        subject('ApiClient', { territoryId: input.territoryId, structureId: null }),
      ),
    );
    const unknown = input.scopes.filter((scope) => !API_SCOPES.includes(scope));
    if (unknown.length > 0 || input.scopes.length === 0) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOneOf,
        `scopes must be one or more of: ${API_SCOPES.join(', ')}`,
        { field: 'scopes' },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.territories.exists(input.territoryId, manager))) throw forbidden();
      if (
        input.structureId &&
        !(await this.structures.existsInTerritory(input.structureId, input.territoryId, manager))
      ) {
        throw forbidden();
      }
      const { secret, hash } = newClientSecret();
      const client = await this.clients.create(
        {
          name: input.name,
          territoryId: input.territoryId,
          structureId: input.structureId ?? null,
          scopes: [...new Set(input.scopes)],
          secretHash: hash,
          secretRotatedAt: new Date(),
          createdByMembershipId: acting.id,
          revokedAt: null,
        },
        manager,
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'api_client.create',
        subjectType: 'ApiClient',
        subjectId: client.id,
        territoryId: client.territoryId,
        structureId: client.structureId,
        before: null,
        after: snapshot(client),
      });
      return { client, clientSecret: secret };
    });
  }

  /** A new secret; the old one, and every token issued before, stop working at once. */
  async rotate(principal: AccountPrincipal, clientId: string): Promise<ApiClientWithSecret> {
    const result = await this.change(principal, clientId, 'api_client.rotate_secret', (client) => {
      const { secret, hash } = newClientSecret();
      client.secretHash = hash;
      client.secretRotatedAt = new Date();
      return secret;
    });
    return { client: result.client, clientSecret: result.value };
  }

  async revoke(principal: AccountPrincipal, clientId: string): Promise<ApiClientEntity> {
    const result = await this.change(principal, clientId, 'api_client.revoke', (client) => {
      client.revokedAt = new Date();
      return undefined;
    });
    return result.client;
  }

  private async change<T>(
    principal: AccountPrincipal,
    clientId: string,
    action: string,
    apply: (client: ApiClientEntity) => T,
  ): Promise<{ client: ApiClientEntity; value: T }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const client = await this.clients.lockActiveById(clientId, manager);
      if (!client) throw forbidden();
      const acting = actingMembership(principal, (ability) =>
        ability.can(
          action === 'api_client.revoke' ? 'revoke' : 'update',
          subject('ApiClient', {
            territoryId: client.territoryId,
            structureId: client.structureId,
          }),
        ),
      );
      const before = snapshot(client);
      const value = apply(client);
      await this.clients.save(client, manager);
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action,
        subjectType: 'ApiClient',
        subjectId: client.id,
        territoryId: client.territoryId,
        structureId: client.structureId,
        before,
        after: snapshot(client),
      });
      return { client, value };
    });
    this.revocations.revoked(`client:${outcome.client.id}`);
    return outcome;
  }
}
