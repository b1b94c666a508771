import { SetMetadata } from '@nestjs/common';
import type { RelaisAbility } from '@relais/access';

export const ACCESS_RULE = 'relais:access-rule';

/** Who may call an operation. Every GraphQL operation and HTTP route declares one. */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'authenticated' }
  | { readonly kind: 'person' }
  | { readonly kind: 'policy'; readonly check: (ability: RelaisAbility) => boolean };

/** Anyone, signed in or not. Say why next to it. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in account or partner client (never a person in their space); what it then sees is decided by the service, record by record. */
export const Authenticated = () =>
  SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);

/**
 * The followed person signed in to their personal space, and nobody else; the service reads
 * their own file only (ground SELF). Every other rule refuses a person (AuthGuard).
 */
export const PersonSelf = () => SetMetadata(ACCESS_RULE, { kind: 'person' } satisfies AccessRule);

/** A signed-in caller whose ability passes the coarse check; records are checked by the service. */
export const Policy = (check: (ability: RelaisAbility) => boolean) =>
  SetMetadata(ACCESS_RULE, { kind: 'policy', check } satisfies AccessRule);
