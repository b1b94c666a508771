import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import { Role, type Principal } from '@relais/identity';

export type Action = 'manage' | 'create' | 'read' | 'update' | 'revoke' | 'import';

/** The subjects and the fields their conditions may name (what records carry). */
export interface SubjectShapes {
  Territory: { id: string };
  Structure: { id: string; territoryId: string };
  Account: { id: string };
  Membership: { role: Role; structureId: string | null; territoryId: string | null };
  AdminAuditEvent: { territoryId: string | null; structureId: string | null };
  ApiClient: { territoryId: string; structureId: string | null };
}
export type SubjectName = keyof SubjectShapes;

/** A record checked against the rules, tagged with its subject name (CASL's `subject()`). */
export type SubjectRecord = {
  [K in SubjectName]: SubjectShapes[K] & ForcedSubject<K>;
}[SubjectName];

export type RelaisAbility = MongoAbility<[Action, SubjectName | 'all' | SubjectRecord]>;

/**
 * What the caller may do, from all of its active memberships at once (DOMAIN.md, roles).
 * Record conditions name the territory or structure a record belongs to; lists apply the same
 * conditions in SQL. Rules for people's files come with the pathway issue.
 */
export function abilityFor(principal: Principal): RelaisAbility {
  const { can, build } = new AbilityBuilder<RelaisAbility>(createMongoAbility);

  if (principal.kind === 'client') {
    // A partner system sees the structures of its territory; its data rights come with the
    // pathway issue, from its scopes.
    can('read', 'Territory', { id: principal.territoryId });
    can('read', 'Structure', { territoryId: principal.territoryId });
    return build();
  }

  if (principal.kind === 'person') {
    // A followed person has no right over accounts, structures, territories or admin records:
    // their own file's views are decided by fileViewerFor (ground SELF), nothing else.
    return build();
  }

  can('read', 'Account', { id: principal.accountId });

  for (const membership of principal.memberships) {
    const { role, structureId, territoryId } = membership;
    switch (role) {
      case Role.PLATFORM_ADMIN:
        can(['create', 'read', 'update'], 'Territory');
        can(['create', 'read', 'revoke'], 'Membership', { role: Role.TERRITORY_ADMIN });
        can('read', 'AdminAuditEvent', { territoryId: null });
        break;
      case Role.TERRITORY_ADMIN:
        if (!territoryId) break;
        can('read', 'Territory', { id: territoryId });
        // Bulk imports of structures, accounts, people and teams (CSV files of the département).
        can('import', 'Territory', { id: territoryId });
        can(['create', 'read', 'update'], 'Structure', { territoryId });
        can(['create', 'read', 'revoke'], 'Membership', {
          territoryId,
          role: {
            $in: [
              Role.PROFESSIONAL,
              Role.ORIENTATION_MANAGER,
              Role.STRUCTURE_ADMIN,
              Role.TERRITORY_ADMIN,
            ],
          },
        });
        can('read', 'AdminAuditEvent', { territoryId });
        can(['create', 'read', 'update', 'revoke'], 'ApiClient', { territoryId });
        break;
      case Role.STRUCTURE_ADMIN:
        if (!structureId || !territoryId) break;
        can('read', 'Territory', { id: territoryId });
        can('read', 'Structure', { territoryId });
        can(['create', 'read', 'revoke'], 'Membership', { structureId, role: Role.PROFESSIONAL });
        can('read', 'AdminAuditEvent', { structureId });
        break;
      case Role.ORIENTATION_MANAGER:
      case Role.PROFESSIONAL:
        if (!territoryId) break;
        can('read', 'Territory', { id: territoryId });
        // To name a target structure in a handover, caseworkers see the territory's structures.
        can('read', 'Structure', { territoryId });
        break;
      default: {
        const unhandled: never = role;
        throw new Error(`no rules for role ${String(unhandled)}`);
      }
    }
  }
  return build();
}
