import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from './webhook-endpoint.service.js';
import { DEFAULT_WEBHOOK_OPTIONS, retryDelayAfter, webhookOptions } from './webhook-options.js';
import { signedHeaders, webhookBody, type WebhookEvent } from './webhook-sender.js';

const event: WebhookEvent = {
  id: '0b0f3c52-7f5e-4c1d-9a43-8d7e1f0e2a11',
  position: '42',
  type: 'team.join_requested',
  occurredAt: new Date('2030-01-02T03:04:05.678Z'),
  territoryId: 't1',
  structureIds: ['s1'],
  personId: 'p1',
  payload: { joinRequestId: 'j1' },
};

describe('webhook messages', () => {
  it('have the Standard Webhooks shape, with the event as data', () => {
    expect(JSON.parse(webhookBody(event))).toEqual({
      type: 'team.join_requested',
      timestamp: '2030-01-02T03:04:05.678Z',
      data: {
        id: event.id,
        position: '42',
        type: 'team.join_requested',
        occurredAt: '2030-01-02T03:04:05.678Z',
        territoryId: 't1',
        structureIds: ['s1'],
        personId: 'p1',
        payload: { joinRequestId: 'j1' },
      },
    });
  });

  it('are signed so that the secret holder verifies them, and nobody else', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = webhookBody(event);
    const headers = signedHeaders(secret, event.id, body, new Date());
    expect(headers['webhook-id']).toBe(event.id);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});

describe('the retry schedule', () => {
  it('waits longer after each failed attempt, and gives up after the last', () => {
    const options = DEFAULT_WEBHOOK_OPTIONS;
    expect(retryDelayAfter(options, 1)).toBe(5_000);
    expect(retryDelayAfter(options, 2)).toBe(30_000);
    expect(retryDelayAfter(options, 7)).toBe(6 * 3_600_000);
    expect(retryDelayAfter(options, 8)).toBeNull();
  });

  it('can be shortened', () => {
    const options = webhookOptions({ retryDelaysMs: [10, 20] });
    expect([1, 2, 3].map((attempts) => retryDelayAfter(options, attempts))).toEqual([10, 20, null]);
    expect(options.timeoutMs).toBe(10_000);
  });
});
