import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import {
  IsAppointmentTime,
  IsPlanDate,
  IsPlausibleBirthDate,
  parseLocalDate,
} from './plausible.validators.js';

class Probe {
  @IsPlausibleBirthDate()
  birthDate!: unknown;

  @IsPlanDate()
  startsOn!: unknown;

  @IsAppointmentTime()
  startsAt!: unknown;
}

function failing(values: Partial<Probe>): string[] {
  const probe = Object.assign(new Probe(), {
    birthDate: '1990-05-17',
    startsOn: '2026-01-01',
    startsAt: new Date(),
    ...values,
  });
  return validateSync(probe).map((error) => error.property);
}

describe('plausible dates', () => {
  it('accepts ordinary values', () => {
    expect(failing({})).toEqual([]);
  });

  it('refuses impossible calendar dates and other formats', () => {
    expect(parseLocalDate('2023-02-30')).toBeNull();
    expect(failing({ birthDate: '17/05/1990' })).toEqual(['birthDate']);
  });

  it('refuses a birth date in the future or more than 130 years ago', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(failing({ birthDate: `${nextYear}-01-01` })).toEqual(['birthDate']);
    expect(failing({ birthDate: '1880-01-01' })).toEqual(['birthDate']);
  });

  it('refuses plan dates before 2000 and appointments in 1970', () => {
    expect(failing({ startsOn: '1999-12-31' })).toEqual(['startsOn']);
    expect(failing({ startsAt: new Date('1970-01-01T10:00:00Z') })).toEqual(['startsAt']);
  });
});
