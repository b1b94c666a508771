import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager, In } from 'typeorm';
import { StructureEntity } from './structure.entity.js';

/**
 * A structure's type as a scalar subquery on a structure id expression, for the one statement of
 * another lib that must stay one: a file's access facts, read before every file request, where
 * the type decides who reads sensitive data (DOMAIN.md rule 2). The table is still named here
 * only (decision 0020).
 */
export function structureTypeSql(structureIdExpression: string): string {
  return `(SELECT s.type FROM structure s WHERE s.id = ${structureIdExpression})`;
}

/** The `structure` table: its one owner. */
@Injectable()
export class StructureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureEntity | null> {
    return manager.findOneBy(StructureEntity, { id });
  }

  async byIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureEntity[]> {
    return manager.findBy(StructureEntity, { id: In([...ids]) });
  }

  /** The structure, its row locked until the caller's transaction ends. */
  async lockById(id: string, manager: EntityManager): Promise<StructureEntity | null> {
    return manager.findOne(StructureEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async existsInTerritory(
    id: string,
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(StructureEntity, { id, territoryId });
  }

  /** A territory's structures, by name. */
  async ofTerritory(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureEntity[]> {
    return manager.find(StructureEntity, { where: { territoryId }, order: { name: 'ASC' } });
  }

  async create(
    fields: DeepPartial<StructureEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureEntity> {
    return manager.save(manager.create(StructureEntity, fields));
  }

  /** Saves a structure loaded (and changed) by the caller. */
  async save(
    structure: StructureEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StructureEntity> {
    return manager.save(structure);
  }
}
