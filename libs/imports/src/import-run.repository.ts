import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager } from 'typeorm';
import { ImportRunEntity } from './import-run.entity.js';

/** The `import_run` table: its one owner. */
@Injectable()
export class ImportRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records an applied import, in its transaction. */
  async create(
    fields: DeepPartial<ImportRunEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ImportRunEntity> {
    return manager.save(manager.create(ImportRunEntity, fields));
  }
}
