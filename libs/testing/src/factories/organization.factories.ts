import type { DataSource } from 'typeorm';
import { StructureEntity, StructureType, TerritoryEntity } from '@relais/organizations';

let sequence = 0;
const next = (): number => (sequence += 1);

/** A territory with a code no other test uses (codes are unique), unless one is given. */
export async function createTerritory(
  dataSource: DataSource,
  overrides: Partial<Pick<TerritoryEntity, 'code' | 'name'>> = {},
): Promise<TerritoryEntity> {
  const n = next();
  return dataSource.manager.save(
    dataSource.manager.create(TerritoryEntity, {
      code: overrides.code ?? `T${String(n).padStart(2, '0')}`.slice(-3),
      name: overrides.name ?? `Territoire ${n}`,
    }),
  );
}

export async function createStructure(
  dataSource: DataSource,
  territory: TerritoryEntity,
  overrides: Partial<Pick<StructureEntity, 'type' | 'name' | 'siret' | 'city'>> = {},
): Promise<StructureEntity> {
  const n = next();
  return dataSource.manager.save(
    dataSource.manager.create(StructureEntity, {
      territoryId: territory.id,
      type: overrides.type ?? StructureType.MISSION_LOCALE,
      name: overrides.name ?? `Structure ${n}`,
      siret: overrides.siret ?? null,
      addressLine: null,
      postalCode: null,
      city: overrides.city ?? null,
    }),
  );
}
