import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import {
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  type FieldProblem,
  type FieldRule,
} from '@relais/core';
import { getMetadataStorage } from 'class-validator';

/** class-validator's constraint names, as the stable rule names clients switch on. */
const RULES: Readonly<Record<string, FieldRule>> = {
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  whitelistValidation: 'UNKNOWN_FIELD',
  maxLength: 'MAX_LENGTH',
  minLength: 'MIN_LENGTH',
  min: 'MIN',
  max: 'MAX',
  arrayMaxSize: 'MAX_ITEMS',
  arrayMinSize: 'MIN_ITEMS',
  isEnum: 'ONE_OF',
  isIn: 'ONE_OF',
  isString: 'TYPE',
  isInt: 'TYPE',
  isBoolean: 'TYPE',
  nestedValidation: 'TYPE',
  isUuid: 'FORMAT',
  isEmail: 'FORMAT',
  matches: 'FORMAT',
  isPlausibleBirthDate: 'FORMAT',
  isPlanDate: 'FORMAT',
  isAppointmentTime: 'FORMAT',
  isNir: 'FORMAT',
};

/** The numeric arguments of each decorator on a class's property, by constraint name. */
function constraintArguments(target: object | undefined, property: string): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  if (!target) return found;
  const storage = getMetadataStorage();
  for (const metadata of storage.getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  )) {
    if (metadata.propertyName !== property) continue;
    const name = storage.getTargetValidatorConstraints(metadata.constraintCls)[0]?.name;
    if (name) found.set(name, (metadata.constraints as unknown[] | undefined) ?? []);
  }
  return found;
}

/** The rule and limit one failed constraint stands for. */
function problemOf(
  error: ValidationError,
  field: string,
  name: string,
  args: Map<string, unknown[]>,
): FieldProblem {
  const [first, second] = args.get(name) ?? [];
  const limitOf = (value: unknown) => (typeof value === 'number' ? { limit: value } : {});
  if (name === 'isLength') {
    // @Length(min, max) is one constraint: the value's length says which bound it missed.
    const length = typeof error.value === 'string' ? error.value.length : undefined;
    return length !== undefined && typeof first === 'number' && length < first
      ? { field, rule: 'MIN_LENGTH', limit: first }
      : { field, rule: 'MAX_LENGTH', ...limitOf(second) };
  }
  const rule = RULES[name] ?? 'INVALID';
  return {
    field,
    rule,
    ...(['MAX_LENGTH', 'MIN_LENGTH', 'MIN', 'MAX', 'MAX_ITEMS', 'MIN_ITEMS'].includes(rule)
      ? limitOf(first)
      : {}),
  };
}

interface Problem extends FieldProblem {
  readonly message: string;
}

/** Every failing constraint of every field, nested ones named by their path (`contact.email`). */
export function problemsOf(errors: readonly ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const args = constraintArguments(error.target, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => ({
      ...problemOf(error, field, name, args),
      message,
    }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/** Plain data (JSON-like): not a socket, a request or any other object with a class of its own. */
function isPlainData(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/** The path of the first string holding a NUL character, which PostgreSQL cannot store. */
export function fieldWithNul(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'input' : undefined;
  if (value && typeof value === 'object' && depth < 32 && isPlainData(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const innerPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      const found = fieldWithNul(inner, innerPath, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The parameters that carry what a client sent: HTTP bodies, queries and route parameters, and
 * (numbered by Nest's GraphQL and WebSocket contexts, not named) GraphQL arguments and socket
 * payloads, both 3. A resolver's parent, the context and custom decorators are Relais' own.
 */
const CLIENT_INPUT: ReadonlySet<unknown> = new Set(['body', 'query', 'param', 3]);

/** class-validator's pipe, refusing first any text with a NUL character. */
export class RelaisValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = CLIENT_INPUT.has(metadata.type) ? fieldWithNul(value) : undefined;
    if (field) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NulCharacter,
        `${field} must not contain a NUL character`,
        { field, fields: [{ field, rule: 'NUL_CHARACTER' }] },
      );
    }
    return (await super.transform(value, metadata)) as unknown;
  }
}

/**
 * Validates every input (HTTP bodies, GraphQL inputs and args) with class-validator; unknown
 * properties are refused. The error lists every failing field with its rule and limit
 * (`fields`); its message and `field` name the first one, as clients have always read them.
 */
export function createValidationPipe(): ValidationPipe {
  return new RelaisValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target and value stay on the server: they tell which bound a @Length missed and which
    // class declared the limits; the client gets only field names, rules and limits.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const problems = problemsOf(errors);
      const first = problems[0];
      return new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.ValidationFailed,
        first?.message ?? 'is invalid',
        {
          field: first?.field ?? 'input',
          fields: problems.map(({ field, rule, limit }) =>
            limit === undefined ? { field, rule } : { field, rule, limit },
          ),
        },
      );
    },
  });
}
