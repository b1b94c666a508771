import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountPrincipal, PersonPrincipal, Principal } from '@relais/identity';
import { requestOf } from './request-context.js';

/** The authenticated caller, as the AuthGuard found it: a person's account or a partner client. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = requestOf(context).principal;
    if (!principal)
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.NotSignedIn,
        'Sign in first.',
      );
    return principal;
  },
);

/** The signed-in person; a partner client is refused (what follows is people's work). */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AccountPrincipal => {
    const principal = requestOf(context).principal;
    if (!principal)
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.NotSignedIn,
        'Sign in first.',
      );
    if (principal.kind !== 'account') {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.AccountRequired,
        'Only a signed-in person may do this.',
      );
    }
    return principal;
  },
);

/** The followed person signed in to their space (operations marked `@PersonSelf()`). */
export const CurrentPerson = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PersonPrincipal => {
    const principal = requestOf(context).principal;
    if (principal?.kind !== 'person') {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.PersonOnly,
        'This operation is for the person followed, in their personal space.',
      );
    }
    return principal;
  },
);
