import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import {
  addressLiteral,
  guardedLookup,
  nonPublicAddressKind,
  NonPublicAddressError,
  type ResolveAll,
  type WebhookAddressPolicy,
} from './webhook-address.js';

/** An outbox event as a partner receives it: ids and states only (the outbox holds no more). */
export interface WebhookEvent {
  readonly id: string;
  readonly position: string | null;
  readonly type: string;
  readonly occurredAt: Date;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  readonly personId: string | null;
  readonly payload: Record<string, unknown>;
}

/** Where to post and the endpoint's signing secret (`whsec_…`). */
export interface WebhookEndpoint {
  readonly url: string;
  readonly secret: string;
}

/** What came of one attempt: the endpoint's status code, if it answered, and a short reason. */
export interface WebhookAttempt {
  readonly delivered: boolean;
  readonly statusCode: number | null;
  /** Null when delivered; never the payload or a secret. */
  readonly error: string | null;
}

/**
 * The body, in the shape Standard Webhooks recommends (`type`, `timestamp`, `data`); `data` is
 * the event as the `events` feed gives it. The timestamp is when the event occurred.
 */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      id: event.id,
      position: event.position,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      territoryId: event.territoryId,
      structureIds: event.structureIds,
      personId: event.personId,
      payload: event.payload,
    },
  });
}

/**
 * The Standard Webhooks headers: `webhook-id` is the event's id, the same on every attempt, so
 * a receiver deduplicates by it; the signature is HMAC-SHA256 over `id.timestamp.body`.
 */
export function signedHeaders(
  secret: string,
  eventId: string,
  body: string,
  now: Date,
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, now, body),
  };
}

/** What an admin reads for any failure to reach the endpoint, whatever the network said. */
export const UNREACHABLE = 'could not connect to the endpoint, or it did not answer in time';
/** What an admin reads when the address policy refused the connection. */
export const NOT_PUBLIC = 'the endpoint does not resolve to a public address: not connected';

export interface SendOptions {
  readonly timeoutMs: number;
  /** Aborts the attempt (the server stopping). */
  readonly signal?: AbortSignal;
  readonly now?: Date;
  /** Loopback and private addresses allowed (tests, development); never in production. */
  readonly policy: WebhookAddressPolicy;
  /** Resolves host names; DNS unless a test gives another. */
  readonly resolveAll?: ResolveAll;
}

/**
 * Posts one event to one endpoint. Any 2xx is delivered; anything else (another status, a
 * redirect, which is not followed, a refused connection, no answer in time) is a failed attempt.
 * The answer's body is not read. The connection goes only to a public address, checked at
 * connection time (see guardedLookup), unless the policy allows private ones.
 */
export async function sendWebhook(
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  options: SendOptions,
): Promise<WebhookAttempt> {
  const body = webhookBody(event);
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return failed('the endpoint URL is not valid');
  }
  const literal = addressLiteral(url.hostname);
  // A literal address is connected to without a lookup: checked here instead.
  if (literal !== null && !options.policy.allowPrivateAddresses) {
    if (nonPublicAddressKind(literal) !== null) return failed(NOT_PUBLIC);
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const statusCode = await post(url, body, {
      signal,
      // No pooled connection: each attempt resolves and checks the address again.
      agent: false,
      lookup: guardedLookup(options.policy, options.resolveAll),
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Relais-Webhooks/1',
        ...signedHeaders(endpoint.secret, event.id, body, options.now ?? new Date()),
      },
    });
    const delivered = statusCode >= 200 && statusCode < 300;
    return {
      delivered,
      statusCode,
      error: delivered ? null : answered(statusCode),
    };
  } catch (error) {
    return failed(reasonOf(error, timeout, options.signal));
  }
}

function answered(statusCode: number): string {
  const redirect = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
  return `the endpoint answered HTTP ${statusCode}${redirect}`;
}

function failed(error: string): WebhookAttempt {
  return { delivered: false, statusCode: null, error };
}

/**
 * One POST with node's own client, which follows no redirect: the status of the answer, whose
 * body is not read.
 */
function post(url: URL, body: string, options: RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { ...options, method: 'POST' }, (response) => {
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * A short reason for a failed request. Every network failure (refused, reset, timed out, TLS)
 * reads the same, so the log does not tell an admin whether a port was open.
 */
function reasonOf(error: unknown, timeout: AbortSignal, stopping: AbortSignal | undefined): string {
  if (stopping?.aborted && !timeout.aborted) return 'aborted (server stopping)';
  if (error instanceof NonPublicAddressError) return NOT_PUBLIC;
  return UNREACHABLE;
}
