import { describe, expect, it } from '@jest/globals';
import { createValidationPipe, fieldWithNul } from './validation.pipe.js';

describe('fieldWithNul', () => {
  it('names the first text holding a NUL character, as the validation pipe names fields', () => {
    expect(fieldWithNul({ personId: 'p', comment: 'a\u0000b' })).toBe('comment');
    expect(fieldWithNul({ filter: { text: '\u0000' } })).toBe('filter.text');
    expect(fieldWithNul({ rights: ['RSA', '\u0000'] })).toBe('rights[1]');
    expect(fieldWithNul({ comment: 'ordinary text' })).toBeUndefined();
  });

  it('looks only into plain data, never into a socket or any object with a class', () => {
    class Socket {
      self = this;
      note = '\u0000';
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(fieldWithNul(new Socket())).toBeUndefined();
    expect(fieldWithNul(circular)).toBeUndefined();
  });

  it("checks what clients send (GraphQL arguments, bodies), not a resolver's parent or context", async () => {
    const pipe = createValidationPipe();
    const parent = { familyName: 'a\u0000b' };
    await expect(pipe.transform(parent, { type: 0 as never, metatype: Object })).resolves.toBe(
      parent,
    );
    await expect(pipe.transform(parent, { type: 'custom', metatype: Object })).resolves.toBe(
      parent,
    );
    await expect(pipe.transform(parent, { type: 3 as never, metatype: Object })).rejects.toThrow(
      'familyName must not contain a NUL character',
    );
    await expect(pipe.transform(parent, { type: 'body', metatype: Object })).rejects.toThrow(
      'familyName must not contain a NUL character',
    );
  });
});
