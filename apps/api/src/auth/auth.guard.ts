import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { abilityFor } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { PrincipalResolver } from '@relais/identity';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';
import { bearerTokenOf, requestOf } from './request-context.js';

/**
 * The coarse check of every operation (STYLE.md rule 3): who is calling, and may a caller like
 * this do this kind of thing at all. Records are checked by the services after loading them.
 * An operation that declares no rule is refused: forgetting is never an opening.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.OperationClosed,
        'This operation is not open to anyone.',
      );
    }
    if (rule.kind === 'public') return true;

    const request = requestOf(context);
    if (!request.principal) {
      const token = bearerTokenOf(request);
      if (!token) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.NotSignedIn,
          'Sign in first: send your access token as "Authorization: Bearer <token>".',
        );
      }
      request.principal = await this.principals.fromToken(token);
      request.ability = abilityFor(request.principal);
    }
    // A followed person's session opens their own space and nothing else: no `authenticated`
    // or `policy` operation lets them through, whatever a future ability might grant. And the
    // space's operations are theirs alone.
    if ((request.principal?.kind === 'person') !== (rule.kind === 'person')) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        rule.kind === 'person' ? DomainErrorReason.PersonOnly : DomainErrorReason.NotAllowed,
        rule.kind === 'person'
          ? 'This operation is for the person followed, in their personal space.'
          : 'You may not do this.',
      );
    }
    if (rule.kind === 'policy' && !rule.check(request.ability ?? abilityFor(request.principal))) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.NotAllowed,
        'You may not do this.',
      );
    }
    return true;
  }
}
