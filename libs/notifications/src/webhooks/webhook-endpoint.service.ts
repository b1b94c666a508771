import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import {
  type AccountPrincipal,
  type ApiClientEntity,
  ApiClientRepository,
  ApiClientWebhookRepository,
} from '@relais/identity';
import {
  addressLiteral,
  nonPublicAddressKind,
  type WebhookAddressPolicy,
  webhookHostProblem,
} from './webhook-address.js';

export const WEBHOOK_URL_MAX_LENGTH = 500;

/** Where plain http is allowed, with WEBHOOK_ALLOW_PRIVATE_ADDRESSES: receivers on this machine. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  const literal = addressLiteral(hostname);
  return literal !== null && nonPublicAddressKind(literal) === 'a loopback address';
}

/**
 * Why a webhook URL is refused, or null when it is fine, before its host name is resolved (see
 * webhookHostProblem): https only (http to this machine only when private addresses are
 * allowed); no literal non-public address; no credentials (they would be shown to every admin)
 * and no fragment (never sent).
 */
export function webhookUrlProblem(url: string, policy: WebhookAddressPolicy): string | null {
  const expected = policy.allowPrivateAddresses
    ? 'url must be an https:// URL (http:// only to a loopback address)'
    : 'url must be an https:// URL';
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
    policy.allowPrivateAddresses && parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopbackHttp) return expected;
  if (parsed.username || parsed.password) return 'url must not carry a user name or password';
  if (parsed.hash) return 'url must not have a #fragment';
  const literal = addressLiteral(parsed.hostname);
  const kind = literal === null ? null : nonPublicAddressKind(literal);
  if (kind && !policy.allowPrivateAddresses)
    return `url must point to a public address, not ${kind}`;
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
  private readonly policy: WebhookAddressPolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ApiClientRepository,
    private readonly webhooks: ApiClientWebhookRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { allowPrivateAddresses: config.webhookAllowPrivateAddresses };
  }

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
      const problem = webhookUrlProblem(trimmed, this.policy);
      if (problem)
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.WebhookUrlRefused,
          problem,
          { field: 'url' },
        );
      // Only who may set this client's endpoint learns how a host name resolves.
      await this.authorize(principal, clientId);
      const hostProblem = await webhookHostProblem(new URL(trimmed).hostname, this.policy);
      if (hostProblem) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.WebhookUrlRefused,
          hostProblem,
          { field: 'url' },
        );
      }
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
          DomainErrorReason.WebhookNotSet,
          'This client has no webhook endpoint: set one first.',
        );
      }
      client.webhookSecret = newWebhookSecret();
      return client.webhookSecret;
    });
  }

  /** Refuses, as `change` would, a caller who may not update this client. */
  private async authorize(principal: AccountPrincipal, clientId: string): Promise<void> {
    const client = await this.clients.activeById(clientId);
    if (!client) throw forbidden();
    actingMembership(principal, (ability) => ability.can('update', this.subjectOf(client)));
  }

  private subjectOf(client: ApiClientEntity) {
    return subject('ApiClient', {
      territoryId: client.territoryId,
      structureId: client.structureId,
    });
  }

  private async change(
    principal: AccountPrincipal,
    clientId: string,
    action: string,
    apply: (client: ApiClientEntity) => string | null,
  ): Promise<ApiClientWebhook> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const client = await this.clients.lockActiveById(clientId, manager);
      if (!client) throw forbidden();
      const acting = actingMembership(principal, (ability) =>
        ability.can('update', this.subjectOf(client)),
      );
      const before = snapshot(client);
      const webhookSecret = apply(client);
      await this.webhooks.setWebhook(
        client.id,
        { webhookUrl: client.webhookUrl, webhookSecret: client.webhookSecret },
        manager,
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
