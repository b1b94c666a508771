import { Module } from '@nestjs/common';
import { StructureRepository } from './structure.repository.js';
import { TerritoryRepository } from './territory.repository.js';

/** Territories and structures: the repositories of their tables. */
@Module({
  providers: [TerritoryRepository, StructureRepository],
  exports: [TerritoryRepository, StructureRepository],
})
export class OrganizationsModule {}
