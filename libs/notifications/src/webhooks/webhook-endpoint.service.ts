import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { APP_CONFIG, type AppConfig, DomainError, DomainErrorCode } from '@relais/core';
import { type AccountPrincipal, ApiClientEntity } from '@relais/identity';

export const WEBHOOK_URL_MAX_LENGTH = 500;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a webhook URL is refused, or null when it is fine: https only, except http to the
 * developer's own machine outside production; no credentials (they would be shown to every
 * admin) and no fragment (never sent).
 */
export function webhookUrlProblem(url: string, production: boolean): string | null {
  const expected = production
    ? 'url must be an https:// URL'
    : 'url must be an https:// URL (http:// only to 127.0.0.1 or localhost)';
  if (url.length > WEBHOOK_URL_MAX_LENGTH) {
    return `url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return expected;
  }
  const loopbackHttp =
    !production && parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopbackHttp) return expected;
  if (parsed.username || parsed.password) return 'url must not carry a user name or password';
  if (parsed.hash) return 'url must not have a #fragment';
  return null;
}

/** A signing secret as Standard Webhooks specifies it: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A client and, when one was just made, its webhook signing secret: shown this once. */
export interface ApiClientWebhook {
  readonly client: ApiClientEntity;
  readonly webhookSecret: string | null;
}

function snapshot(client: ApiClientEntity): Record<string, unknown> {
  // Never the secret: whether there is one is enough for the record.
  return { webhookUrl: client.webhookUrl, webhookSecretSet: client.webhookSecret !== null };
}

/** Territory admins set, clear and re-key the webhook endpoint of their territory's clients. */
@Injectable()
export class WebhookEndpointService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sets the endpoint (a first one gets a new secret, returned this once; a changed URL keeps
   * the secret the partner holds) or, with null, removes it and its secret.
   */
  async setEndpoint(
    principal: AccountPrincipal,
    clientId: string,
    url: string | null,
  ): Promise<ApiClientWebhook> {
    const trimmed = url?.trim() || null;
    if (trimmed !== null) {
      const problem = webhookUrlProblem(trimmed, this.config.nodeEnv === 'production');
      if (problem) throw new DomainError(DomainErrorCode.InvalidInput, problem, { field: 'url' });
    }
    return this.change(principal, clientId, 'api_client.set_webhook', (client) => {
      let secret: string | null = null;
      if (trimmed === null) {
        client.webhookSecret = null;
      } else if (client.webhookSecret === null) {
        secret = newWebhookSecret();
        client.webhookSecret = secret;
      }
      client.webhookUrl = trimmed;
      return secret;
    });
  }

  /** A new signing secret, returned this once; deliveries are signed with it from now on. */
  async rotateSecret(principal: AccountPrincipal, clientId: string): Promise<ApiClientWebhook> {
    return this.change(principal, clientId, 'api_client.rotate_webhook_secret', (client) => {
      if (client.webhookUrl === null) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          'This client has no webhook endpoint: set one first.',
        );
      }
      client.webhookSecret = newWebhookSecret();
      return client.webhookSecret;
    });
  }

  private async change(
    principal: AccountPrincipal,
    clientId: string,
    action: string,
    apply: (client: ApiClientEntity) => string | null,
  ): Promise<ApiClientWebhook> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const client = await manager.findOne(ApiClientEntity, {
        where: { id: clientId, revokedAt: IsNull() },
        lock: { mode: 'pessimistic_write' },
      });
      if (!client) throw forbidden();
      const acting = actingMembership(principal, (ability) =>
        ability.can(
          'update',
          subject('ApiClient', {
            territoryId: client.territoryId,
            structureId: client.structureId,
          }),
        ),
      );
      const before = snapshot(client);
      const webhookSecret = apply(client);
      await manager.update(
        ApiClientEntity,
        { id: client.id },
        { webhookUrl: client.webhookUrl, webhookSecret: client.webhookSecret },
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action,
        subjectType: 'ApiClient',
        subjectId: client.id,
        territoryId: client.territoryId,
        structureId: client.structureId,
        before,
        after: { ...snapshot(client), ...(webhookSecret ? { webhookSecretChanged: true } : {}) },
      });
      return { client, webhookSecret };
    });
  }
}
