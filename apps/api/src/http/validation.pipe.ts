import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    if (error.children?.length) return firstProblem(error.children, field);
  }
  return { field: prefix || 'input', message: 'is invalid' };
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
        `${field} must not contain a NUL character`,
        {
          field,
        },
      );
    }
    return (await super.transform(value, metadata)) as unknown;
  }
}

/**
 * Validates every input (HTTP bodies, GraphQL inputs and args) with class-validator; unknown
 * properties are refused. The error names the first field at fault, as clients expect.
 */
export function createValidationPipe(): ValidationPipe {
  return new RelaisValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const { field, message } = firstProblem(errors);
      return new DomainError(DomainErrorCode.InvalidInput, message, { field });
    },
  });
}
