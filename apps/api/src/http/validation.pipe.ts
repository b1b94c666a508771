import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Validates every input (HTTP bodies, GraphQL inputs and args) with class-validator; unknown
 * properties are refused. The error names the first field at fault, as clients expect.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
