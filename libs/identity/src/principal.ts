import type { Role } from './role.js';

/** One active membership, as a request acts with it. */
export interface MembershipGrant {
  readonly id: string;
  readonly role: Role;
  readonly structureId: string | null;
  readonly territoryId: string | null;
}

/** Who is calling: a signed-in account acting with all of its active memberships. */
export interface AccountPrincipal {
  readonly kind: 'account';
  readonly accountId: string;
  readonly sessionId: string;
  readonly memberships: readonly MembershipGrant[];
}

/** A partner system, by its client credentials: no membership, a territory or structure, scopes. */
export interface ClientPrincipal {
  readonly kind: 'client';
  readonly clientId: string;
  readonly territoryId: string;
  readonly structureId: string | null;
  readonly scopes: readonly string[];
  /** None: admin rights come from memberships only. */
  readonly memberships: readonly [];
}

/**
 * The person followed, signed in to their personal space (issue 22): their only right is their own
 * file's views, logged with the ground SELF. No membership, no territory, no scope.
 */
export interface PersonPrincipal {
  readonly kind: 'person';
  readonly personId: string;
  readonly sessionId: string;
  /** None: a person acts for nobody but themself. */
  readonly memberships: readonly [];
}

export type Principal = AccountPrincipal | ClientPrincipal | PersonPrincipal;
