import { Webhook } from 'standardwebhooks';

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

/**
 * Posts one event to one endpoint. Any 2xx is delivered; anything else (another status, a
 * redirect, which is not followed, a refused connection, no answer in time) is a failed attempt.
 * The answer's body is not read.
 */
export async function sendWebhook(
  endpoint: WebhookEndpoint,
  event: WebhookEvent,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly now?: Date },
): Promise<WebhookAttempt> {
  const body = webhookBody(event);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Relais-Webhooks/1',
        ...signedHeaders(endpoint.secret, event.id, body, options.now ?? new Date()),
      },
      body,
    });
    await response.body?.cancel().catch(() => undefined);
    const delivered = response.status >= 200 && response.status < 300;
    return {
      delivered,
      statusCode: response.status,
      error: delivered ? null : `the endpoint answered HTTP ${response.status}`,
    };
  } catch (error) {
    return {
      delivered: false,
      statusCode: null,
      error: reasonOf(error, timeout, options.timeoutMs),
    };
  }
}

/** A short reason for a failed request, from its error's name and code, never its message. */
function reasonOf(error: unknown, timeout: AbortSignal, timeoutMs: number): string {
  if (timeout.aborted) return `no answer within ${timeoutMs / 1000} s`;
  if (error instanceof Error && error.name === 'AbortError') return 'aborted (server stopping)';
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  return code ? `request failed: ${code}` : 'request failed';
}
