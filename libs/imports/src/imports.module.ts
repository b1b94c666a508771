import { Module } from '@nestjs/common';
import { ImportService } from './import.service.js';

/** Bulk CSV imports of a territory's structures, accounts, people and teams. */
@Module({
  providers: [ImportService],
  exports: [ImportService],
})
export class ImportsModule {}
