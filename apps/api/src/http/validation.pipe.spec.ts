import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@relais/core';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { createValidationPipe, fieldWithNul } from './validation.pipe.js';

enum Colour {
  RED = 'RED',
}

class Contact {
  @IsString()
  @MaxLength(5)
  email!: string;
}

class Form {
  @IsString()
  @Length(3, 10)
  name!: string;

  @Length(3, 10)
  nickname!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsEnum(Colour)
  colour!: Colour;

  @ArrayMaxSize(2)
  tags!: string[];

  @ValidateNested()
  @Type(() => Contact)
  contact!: Contact;
}

async function refusal(value: object): Promise<DomainError> {
  const caught: unknown = await createValidationPipe()
    .transform(value, { type: 'body', metatype: Form })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  if (!(caught instanceof DomainError)) throw new Error('the pipe accepted the input');
  return caught;
}

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

describe('createValidationPipe', () => {
  it('lists every failing field at once with its rule and limit; the message names the first', async () => {
    const error = await refusal({
      name: 'ab',
      nickname: 'x'.repeat(11),
      version: 0,
      colour: 'BLUE',
      tags: ['a', 'b', 'c'],
      contact: { email: 'toolong' },
      admin: true,
    });
    expect(error.reason).toBe('VALIDATION_FAILED');
    // class-validator reports an unknown property first; the message names it, as before.
    expect(error.field).toBe('admin');
    expect(error.message).toBe('property admin should not exist');
    expect(error.fields).toEqual([
      { field: 'admin', rule: 'UNKNOWN_FIELD' },
      { field: 'name', rule: 'MIN_LENGTH', limit: 3 },
      { field: 'nickname', rule: 'MAX_LENGTH', limit: 10 },
      { field: 'version', rule: 'MIN', limit: 1 },
      { field: 'colour', rule: 'ONE_OF' },
      { field: 'tags', rule: 'MAX_ITEMS', limit: 2 },
      { field: 'contact.email', rule: 'MAX_LENGTH', limit: 5 },
    ]);
  });

  it('keeps the one field of a single failure, as before', async () => {
    const error = await refusal({
      name: 'Jeanne',
      nickname: 'Jo1',
      version: 'one',
      colour: 'RED',
      tags: [],
      contact: { email: 'a@b' },
    });
    expect(error.field).toBe('version');
    expect(error.fields).toEqual([
      { field: 'version', rule: 'MIN', limit: 1 },
      { field: 'version', rule: 'TYPE' },
    ]);
  });
});
