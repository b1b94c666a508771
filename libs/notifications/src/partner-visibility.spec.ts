import { describe, expect, it } from '@jest/globals';
import { partnerMaySee } from './partner-visibility.js';

const client = {
  territoryId: 't1',
  structureId: null,
  scopes: ['events:read', 'handovers:read'],
};
const event = {
  type: 'handover.proposed',
  territoryId: 't1',
  structureIds: ['s1', 's2'],
  personWithheld: false,
};

describe('partnerMaySee', () => {
  it('shows a territory partner the events of its territory within its scopes', () => {
    expect(partnerMaySee(client, event)).toBe(true);
    expect(partnerMaySee(client, { ...event, type: 'team.joined' })).toBe(false);
  });

  it('never shows another territory, a person who restricted or objected, or without events:read', () => {
    expect(partnerMaySee(client, { ...event, territoryId: 't2' })).toBe(false);
    expect(partnerMaySee(client, { ...event, personWithheld: true })).toBe(false);
    expect(partnerMaySee({ ...client, scopes: ['handovers:read'] }, event)).toBe(false);
  });

  it('shows a structure partner only the events that concern its structure', () => {
    expect(partnerMaySee({ ...client, structureId: 's2' }, event)).toBe(true);
    expect(partnerMaySee({ ...client, structureId: 's3' }, event)).toBe(false);
  });
});
