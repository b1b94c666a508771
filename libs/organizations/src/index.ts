export { TerritoryEntity } from './territory.entity.js';
export { StructureEntity } from './structure.entity.js';
export { StructureType, STRUCTURE_TYPE_LABELS } from './structure-type.js';
export { isTerritoryCode, TERRITORY_CODES } from './territory-codes.js';
export { isValidSiret } from './siret.js';
export { OrganizationsModule } from './organizations.module.js';
export { TerritoryRepository } from './territory.repository.js';
export { StructureRepository, structureTypeSql } from './structure.repository.js';
export { StructureImportRepository } from './structure-import.repository.js';
export { StructureRefsRepository } from './structure-refs.repository.js';
export type { StagedStructureProblem } from './structure-import.repository.js';

import { StructureEntity } from './structure.entity.js';
import { TerritoryEntity } from './territory.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const organizationEntities = [TerritoryEntity, StructureEntity];
