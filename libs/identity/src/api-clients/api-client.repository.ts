import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager, IsNull } from 'typeorm';
import { ApiClientEntity } from './api-client.entity.js';

/** The `api_client` table: its one owner. */
@Injectable()
export class ApiClientRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The client unless revoked. */
  async activeById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity | null> {
    return manager.findOneBy(ApiClientEntity, { id, revokedAt: IsNull() });
  }

  /** The client unless revoked, its row locked until the caller's transaction ends. */
  async lockActiveById(id: string, manager: EntityManager): Promise<ApiClientEntity | null> {
    return manager.findOne(ApiClientEntity, {
      where: { id, revokedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A territory's clients, oldest first. */
  async ofTerritory(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity[]> {
    return manager.find(ApiClientEntity, {
      where: { territoryId },
      order: { createdAt: 'ASC' },
    });
  }

  async create(
    fields: DeepPartial<ApiClientEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity> {
    return manager.save(manager.create(ApiClientEntity, fields));
  }

  /** Saves a client loaded (and changed) by the caller. */
  async save(
    client: ApiClientEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity> {
    return manager.save(client);
  }
}
