import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TerritoryEntity } from './territory.entity.js';

/** The `territory` table: its one owner. */
@Injectable()
export class TerritoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TerritoryEntity | null> {
    return manager.findOneBy(TerritoryEntity, { id });
  }

  async byCode(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TerritoryEntity | null> {
    return manager.findOneBy(TerritoryEntity, { code });
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(TerritoryEntity, { id });
  }

  async codeTaken(
    code: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(TerritoryEntity, { code });
  }

  /** The territories by code; all of them, or only those of `ids` when given. */
  async listByCode(
    ids: readonly string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TerritoryEntity[]> {
    const query = manager
      .createQueryBuilder(TerritoryEntity, 'territory')
      .orderBy('territory.code');
    if (ids !== null) query.where('territory.id = ANY(:ids)', { ids });
    return query.getMany();
  }

  /** Each known territory's code, by id (ids without a territory are left out). */
  async codesOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    // Plain SQL: the audit tools' data source knows no entities.
    const rows = await manager.query<{ id: string; code: string }[]>(
      'SELECT id::text AS id, code FROM territory WHERE id = ANY($1::uuid[])',
      [[...ids]],
    );
    return new Map(rows.map((row) => [row.id, row.code]));
  }

  async create(
    fields: { code: string; name: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TerritoryEntity> {
    return manager.save(manager.create(TerritoryEntity, fields));
  }
}
