import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@relais/core';
import type { Principal } from '@relais/identity';
import { requestOf } from './request-context.js';

/** The authenticated caller, as the AuthGuard found it. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = requestOf(context).principal;
    if (!principal) throw new DomainError(DomainErrorCode.Unauthenticated, 'Sign in first.');
    return principal;
  },
);
