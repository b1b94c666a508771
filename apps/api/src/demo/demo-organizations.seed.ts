import { type EntityManager, IsNull } from 'typeorm';
import type { DemoSeedStep } from '@relais/database';
import { AccountEntity, AccountStatus, MembershipEntity } from '@relais/identity';
import { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { DEMO_PERSONAS, DEMO_STRUCTURES, DEMO_TERRITORIES } from './demo-personas.js';

async function upsertTerritory(
  manager: EntityManager,
  code: string,
  name: string,
): Promise<TerritoryEntity> {
  return (
    (await manager.findOneBy(TerritoryEntity, { code })) ??
    manager.save(manager.create(TerritoryEntity, { code, name }))
  );
}

/** Territories 44 and 85, their structures, and one account per persona: found or created. */
export const demoOrganizationsSeed: DemoSeedStep = {
  name: 'territories, structures and personas',
  async run(manager) {
    const territories = new Map<string, TerritoryEntity>();
    for (const { code, name } of DEMO_TERRITORIES) {
      territories.set(code, await upsertTerritory(manager, code, name));
    }

    const structures = new Map<string, StructureEntity>();
    for (const spec of DEMO_STRUCTURES) {
      const territory = territories.get(spec.territory) as TerritoryEntity;
      const structure =
        (await manager.findOneBy(StructureEntity, {
          territoryId: territory.id,
          name: spec.name,
        })) ??
        (await manager.save(
          manager.create(StructureEntity, {
            territoryId: territory.id,
            type: spec.type,
            name: spec.name,
            siret: null,
            addressLine: null,
            postalCode: null,
            city: spec.city,
          }),
        ));
      structures.set(spec.name, structure);
    }

    for (const persona of DEMO_PERSONAS) {
      const account =
        (await manager.findOneBy(AccountEntity, { email: persona.email })) ??
        (await manager.save(
          manager.create(AccountEntity, {
            email: persona.email,
            givenName: persona.givenName,
            familyName: persona.familyName,
            status: AccountStatus.ACTIVE,
            oidcIssuer: null,
            oidcSubject: null,
          }),
        ));
      for (const membership of persona.memberships) {
        const structure =
          'structure' in membership ? structures.get(membership.structure) : undefined;
        const territoryId =
          structure?.territoryId ??
          ('territory' in membership ? territories.get(membership.territory)?.id : undefined) ??
          null;
        const existing = await manager.findOneBy(MembershipEntity, {
          accountId: account.id,
          role: membership.role,
          structureId: structure ? structure.id : IsNull(),
          territoryId: territoryId ?? IsNull(),
          revokedAt: IsNull(),
        });
        if (existing) continue;
        await manager.save(
          manager.create(MembershipEntity, {
            accountId: account.id,
            role: membership.role,
            structureId: structure?.id ?? null,
            territoryId,
            revokedAt: null,
          }),
        );
      }
    }
  },
};
