import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isValidNir } from '@relais/pathways';

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365.25 * DAY_MS;

/** A real calendar date written YYYY-MM-DD, as a UTC midnight; null otherwise. */
export function parseLocalDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : null;
}

/** A birth date: a real date, not in the future, not more than 130 years ago. */
export function IsPlausibleBirthDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlausibleBirthDate',
      validator: {
        validate: (value: unknown) => {
          const date = parseLocalDate(value);
          if (!date) return false;
          const now = Date.now();
          return date.getTime() <= now && date.getTime() >= now - 130 * YEAR_MS;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date written YYYY-MM-DD, not in the future and not more than 130 years ago`,
      },
    },
    options,
  );
}

/** A date of the plan (contract, action): a real date from 2000 to ten years ahead. */
export function IsPlanDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlanDate',
      validator: {
        validate: (value: unknown) => {
          const date = parseLocalDate(value);
          return (
            !!date && date.getUTCFullYear() >= 2000 && date.getTime() <= Date.now() + 10 * YEAR_MS
          );
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a date written YYYY-MM-DD, between 2000 and ten years from now`,
      },
    },
    options,
  );
}

/** An appointment's time: within five years before and two years after now. */
export function IsAppointmentTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAppointmentTime',
      validator: {
        validate: (value: unknown) => {
          if (!(value instanceof Date) || Number.isNaN(value.getTime())) return false;
          const now = Date.now();
          return value.getTime() >= now - 5 * YEAR_MS && value.getTime() <= now + 2 * YEAR_MS;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a time within five years before and two years after today`,
      },
    },
    options,
  );
}

/** A NIR whose key matches (spaces allowed). */
export function IsNir(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNir',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidNir(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a NIR of 15 characters whose key matches`,
      },
    },
    options,
  );
}
