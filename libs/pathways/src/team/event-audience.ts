import { systemScope } from '@relais/access';
import type { AudienceSpec } from '@relais/events';
import { MembershipAudienceRepository } from '@relais/identity';
import type { EntityManager } from 'typeorm';
import { TeamAudienceRepository } from './team-audience.repository.js';

/**
 * The accounts of an event's audience (accounts, structure admins, orientation managers, a
 * person's team), with active memberships only, read in the writer's transaction through the
 * owners' repositories: identity's memberships, pathways' team. Here and not in the events lib,
 * which sits below both and reads only its own table; every writer of events (pathways,
 * handovers, the demo seed) sits above pathways. One statement per kind of group the audience
 * names, none for accounts alone.
 */
export async function resolveAudience(
  manager: EntityManager,
  spec: AudienceSpec,
): Promise<string[]> {
  const accounts = new Set(
    (spec.accountIds ?? []).filter((id): id is string => typeof id === 'string' && id !== ''),
  );
  const structures = spec.structureAdminsOf ?? [];
  const territory = spec.orientationManagersOf ?? null;
  if (structures.length > 0 || territory !== null) {
    const found = await new MembershipAudienceRepository(
      manager.connection,
    ).adminsAndOrientationManagers(structures, territory, manager);
    for (const id of found) accounts.add(id);
  }
  if (spec.teamOf) {
    // The recipients of an event are the system's read, not a viewer's.
    const team = await new TeamAudienceRepository(manager.connection).activeMemberAccounts(
      systemScope('dispatcher'),
      spec.teamOf,
      manager,
    );
    for (const id of team) accounts.add(id);
  }
  return [...accounts];
}
