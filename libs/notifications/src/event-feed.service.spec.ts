import { describe, expect, it } from '@jest/globals';
import { partnerPayload } from './event-feed.service.js';

describe('partnerPayload', () => {
  it('keeps ids, states, codes, numbers, dates and lists of them', () => {
    const payload = {
      handoverId: '6f1c3a52-8d0e-4b7a-9a54-0f3b7d1f2e11',
      status: 'ACCEPTED',
      orientationType: 'SOCIO_PROFESSIONAL',
      toAccountId: null,
      personInformed: true,
      attempt: 2,
      expiresAt: '2026-12-08T10:00:00.000Z',
      structureIds: ['6f1c3a52-8d0e-4b7a-9a54-0f3b7d1f2e11'],
    };
    expect(partnerPayload(payload)).toEqual(payload);
  });

  it('leaves out free text and nested records, whatever their key', () => {
    expect(
      partnerPayload({
        status: 'DECLINED',
        reason: 'Suivi déjà assuré par la mission locale',
        code: 'x'.repeat(65),
        details: { nir: '1880512345678' },
        notes: ['une phrase avec des espaces'],
      }),
    ).toEqual({ status: 'DECLINED' });
  });
});
