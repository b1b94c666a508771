import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@relais/organizations';
import { ImportRunRepository } from './import-run.repository.js';
import { ImportService } from './import.service.js';

/** Bulk CSV imports of a territory's structures, accounts, people and teams. */
@Module({
  imports: [OrganizationsModule],
  providers: [ImportService, ImportRunRepository],
  exports: [ImportService],
})
export class ImportsModule {}
