import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiClientEntity } from './api-client.entity.js';

/** A live client with a webhook endpoint, as the dispatcher matches it to events. */
export interface WebhookTargetRow {
  id: string;
  territory_id: string;
  structure_id: string | null;
  scopes: string[];
}

/** Where and how a client's deliveries are sent, read when the worker claims them. */
export interface WebhookEndpointRow {
  id: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  revoked_at: Date | null;
}

/**
 * The webhook side of `api_client`, for the notifications lib's webhooks: the clients to
 * deliver to, their endpoints, and the endpoint's settings.
 */
@Injectable()
export class ApiClientWebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The client, revoked or not. */
  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity | null> {
    return manager.findOneBy(ApiClientEntity, { id });
  }

  /** The client, revoked or not; throws when there is none. */
  async byIdOrFail(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClientEntity> {
    return manager.findOneByOrFail(ApiClientEntity, { id });
  }

  /** Sets a client's endpoint and signing secret (both may be null). */
  async setWebhook(
    id: string,
    webhook: { webhookUrl: string | null; webhookSecret: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(ApiClientEntity, { id }, webhook);
  }

  /** The clients not revoked that have an endpoint, in one statement. */
  async webhookTargets(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WebhookTargetRow[]> {
    return manager.query<WebhookTargetRow[]>(
      `SELECT id, territory_id, structure_id, scopes FROM api_client
        WHERE revoked_at IS NULL AND webhook_url IS NOT NULL`,
    );
  }

  /** These clients' endpoints (any order). */
  async endpointsByIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WebhookEndpointRow[]> {
    if (ids.length === 0) return [];
    return manager.query<WebhookEndpointRow[]>(
      `SELECT id, webhook_url, webhook_secret, revoked_at FROM api_client WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
  }
}
