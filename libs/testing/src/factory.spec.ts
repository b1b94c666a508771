import { defineFactory } from './factory.js';

describe('defineFactory', () => {
  const people = defineFactory((n) => ({ email: `person${n}@example.test`, city: 'Lyon' }));

  it('gives distinct records with the overrides applied', () => {
    const [first, second] = people.buildList(2, { city: 'Brest' });
    expect(first?.email).not.toBe(second?.email);
    expect(first?.city).toBe('Brest');
    expect(people.build().city).toBe('Lyon');
  });
});
