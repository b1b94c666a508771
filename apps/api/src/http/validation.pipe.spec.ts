import { describe, expect, it } from '@jest/globals';
import { fieldWithNul } from './validation.pipe.js';

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
});
