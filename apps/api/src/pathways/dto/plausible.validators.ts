import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isWithinDateWindow, parseCalendarDate } from '@relais/core';
import { isValidNir } from '@relais/pathways';

/** A real calendar date written YYYY-MM-DD, as a UTC midnight; null otherwise. */
export const parseLocalDate = parseCalendarDate;

/** A birth date: a real date, not in the future, not more than 130 years ago. */
export function IsPlausibleBirthDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlausibleBirthDate',
      validator: {
        validate: (value: unknown) => {
          const date = parseLocalDate(value);
          return !!date && isWithinDateWindow(date, 'birth');
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
          return !!date && isWithinDateWindow(date, 'plan');
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
          return value instanceof Date && isWithinDateWindow(value, 'appointment');
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
