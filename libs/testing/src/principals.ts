import type { AccountPrincipal, Role } from '@relais/identity';

/** A signed-in account holding these memberships ([role, structureId, territoryId]), for unit tests. */
export function accountPrincipal(
  ...memberships: [Role, string | null, string | null][]
): AccountPrincipal {
  return {
    kind: 'account',
    accountId: 'account-1',
    sessionId: 'session-1',
    memberships: memberships.map(([role, structureId, territoryId], index) => ({
      id: `membership-${index}`,
      role,
      structureId,
      territoryId,
    })),
  };
}
