import { Module } from '@nestjs/common';
import { StructureImportRepository } from './structure-import.repository.js';
import { StructureRefsRepository } from './structure-refs.repository.js';
import { StructureRepository } from './structure.repository.js';
import { TerritoryRepository } from './territory.repository.js';

/** Territories and structures: the repositories of their tables. */
@Module({
  providers: [
    TerritoryRepository,
    StructureRepository,
    StructureImportRepository,
    StructureRefsRepository,
  ],
  exports: [
    TerritoryRepository,
    StructureRepository,
    StructureImportRepository,
    StructureRefsRepository,
  ],
})
export class OrganizationsModule {}
