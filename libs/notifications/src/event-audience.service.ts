import { Injectable } from '@nestjs/common';
import { systemScope } from '@relais/access';
import { type AudienceResolver, type AudienceSpec, installAudienceResolver } from '@relais/events';
import { MembershipAudienceRepository } from '@relais/identity';
import { TeamAudienceRepository } from '@relais/pathways';
import type { EntityManager } from 'typeorm';

/**
 * The recipients of events: an audience (accounts, structure admins, orientation managers, a
 * person's team) as accounts with active memberships, read through the owners' repositories in
 * the writer's transaction. Installed into the events lib when the application is built, so the
 * writers (below this lib) resolve their audiences without reading others' tables themselves.
 */
@Injectable()
export class EventAudienceService implements AudienceResolver {
  constructor(
    private readonly memberships: MembershipAudienceRepository,
    private readonly teams: TeamAudienceRepository,
  ) {
    // In the constructor, not at module init: a provider's init may already write events.
    installAudienceResolver(this);
  }

  /** One statement per kind of group the audience names (none for accounts alone). */
  async resolve(manager: EntityManager, spec: AudienceSpec): Promise<string[]> {
    const accounts = new Set(
      (spec.accountIds ?? []).filter((id): id is string => typeof id === 'string' && id !== ''),
    );
    const structures = spec.structureAdminsOf ?? [];
    const territory = spec.orientationManagersOf ?? null;
    if (structures.length > 0 || territory !== null) {
      const found = await this.memberships.adminsAndOrientationManagers(
        structures,
        territory,
        manager,
      );
      for (const id of found) accounts.add(id);
    }
    if (spec.teamOf) {
      const team = await this.teams.activeMemberAccounts(
        systemScope('dispatcher'),
        spec.teamOf,
        manager,
      );
      for (const id of team) accounts.add(id);
    }
    return [...accounts];
  }
}
