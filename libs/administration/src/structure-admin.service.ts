import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { abilityFor, actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountPrincipal, Principal } from '@relais/identity';
import {
  isValidSiret,
  type StructureEntity,
  StructureRepository,
  type StructureType,
  TerritoryRepository,
} from '@relais/organizations';

export interface StructureFields {
  readonly type: StructureType;
  readonly name: string;
  readonly siret?: string | null;
  readonly addressLine?: string | null;
  readonly postalCode?: string | null;
  readonly city?: string | null;
}

const UNIQUE_VIOLATION = '23505';

function snapshot(structure: StructureEntity): Record<string, unknown> {
  return {
    type: structure.type,
    name: structure.name,
    siret: structure.siret,
    addressLine: structure.addressLine,
    postalCode: structure.postalCode,
    city: structure.city,
  };
}

function checkSiret(siret: string | null | undefined): void {
  if (siret && !isValidSiret(siret)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidFormat,
      'siret must be 14 digits with a valid check digit',
      { field: 'siret', fields: [{ field: 'siret', rule: 'FORMAT' }] },
    );
  }
}

/** Territory admins create and edit the structures of their territory. */
@Injectable()
export class StructureAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly structures: StructureRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /** The structures of a territory the caller may see, by name (one statement). */
  async list(principal: Principal, territoryId: string): Promise<StructureEntity[]> {
    // Reading needs no acting membership: partner clients of the territory may list them too.
    if (!abilityFor(principal).can('read', subject('Structure', { id: '', territoryId }))) {
      throw forbidden();
    }
    return this.structures.ofTerritory(territoryId);
  }

  async create(
    principal: AccountPrincipal,
    territoryId: string,
    fields: StructureFields,
  ): Promise<StructureEntity> {
    const acting = actingMembership(principal, (ability) =>
      ability.can('create', subject('Structure', { id: '', territoryId })),
    );
    checkSiret(fields.siret);
    return this.saveUnique(async (manager) => {
      if (!(await this.territories.exists(territoryId, manager))) throw forbidden();
      const structure = await this.structures.create(
        {
          territoryId,
          type: fields.type,
          name: fields.name,
          siret: fields.siret ?? null,
          addressLine: fields.addressLine ?? null,
          postalCode: fields.postalCode ?? null,
          city: fields.city ?? null,
        },
        manager,
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'structure.create',
        subjectType: 'Structure',
        subjectId: structure.id,
        territoryId,
        structureId: structure.id,
        before: null,
        after: snapshot(structure),
      });
      return structure;
    });
  }

  async update(
    principal: AccountPrincipal,
    structureId: string,
    changes: Partial<StructureFields>,
  ): Promise<StructureEntity> {
    checkSiret(changes.siret);
    return this.saveUnique(async (manager) => {
      const structure = await this.structures.lockById(structureId, manager);
      // Unknown and foreign structures get the same answer.
      if (!structure) throw forbidden();
      const acting = actingMembership(principal, (ability) =>
        ability.can(
          'update',
          subject('Structure', { id: structure.id, territoryId: structure.territoryId }),
        ),
      );
      const before = snapshot(structure);
      const defined = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      );
      Object.assign(structure, defined);
      const saved = await this.structures.save(structure, manager);
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'structure.update',
        subjectType: 'Structure',
        subjectId: structure.id,
        territoryId: structure.territoryId,
        structureId: structure.id,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  private async saveUnique<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.StructureNameTaken,
          'A structure of this territory already has this name.',
          { field: 'name' },
        );
      }
      throw error;
    }
  }
}
