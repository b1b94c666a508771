import { subject } from '@casl/ability';
import { Role } from '@relais/identity';
import { accountPrincipal } from '@relais/testing';
import { abilityFor, type RelaisAbility } from './ability.js';
import { actingMembership } from './acting-membership.js';
import { readableMembershipRoles } from './membership-list.policy.js';

/**
 * The authorization matrix of the admin API, cell by cell, on the pure rules: every role × every
 * admin operation × a target in the caller's own structure, in another structure of the same
 * territory, and in another territory. Each operation is checked as its resolver and service
 * check it: the resolver's `@Policy` on the whole ability, then the service's check on the
 * record, through `actingMembership` (one membership's rights alone) or `abilityFor`. The
 * end-to-end matrix (test/admin/admin-matrix.e2e.ts) keeps the admin roles' rows, which
 * prove that every operation is wired to these checks.
 */

const TERRITORY_A = 'territory-a';
const TERRITORY_B = 'territory-b';
const OWN = 'structure-own';
const OTHER = 'structure-other';
const FOREIGN = 'structure-foreign';

type Scope = 'own structure' | 'other structure' | 'other territory';
const SCOPES: readonly Scope[] = ['own structure', 'other structure', 'other territory'];
const TARGET: Record<Scope, { structureId: string; territoryId: string }> = {
  'own structure': { structureId: OWN, territoryId: TERRITORY_A },
  'other structure': { structureId: OTHER, territoryId: TERRITORY_A },
  'other territory': { structureId: FOREIGN, territoryId: TERRITORY_B },
};

/** Whether the change is made, as the service decides it: a membership's rights allow it. */
const acts = (
  principal: ReturnType<typeof accountPrincipal>,
  allows: (ability: RelaisAbility) => boolean,
): boolean => {
  try {
    actingMembership(principal, allows);
    return true;
  } catch {
    return false;
  }
};

type Operation = (principal: ReturnType<typeof accountPrincipal>, scope: Scope) => boolean;

const professionalAt = (scope: Scope) =>
  subject('Membership', {
    role: Role.PROFESSIONAL,
    structureId: TARGET[scope].structureId,
    territoryId: TARGET[scope].territoryId,
  });

const structureAdminAt = (scope: Scope) =>
  subject('Membership', {
    role: Role.STRUCTURE_ADMIN,
    structureId: TARGET[scope].structureId,
    territoryId: TARGET[scope].territoryId,
  });

const OPERATIONS = {
  // AdminResolver.createStructure, StructureAdminService.create
  createStructure: (principal, scope) =>
    abilityFor(principal).can('create', 'Structure') &&
    acts(principal, (ability) =>
      ability.can(
        'create',
        subject('Structure', { id: '', territoryId: TARGET[scope].territoryId }),
      ),
    ),
  // AdminResolver.updateStructure, StructureAdminService.update
  updateStructure: (principal, scope) =>
    abilityFor(principal).can('update', 'Structure') &&
    acts(principal, (ability) =>
      ability.can(
        'update',
        subject('Structure', {
          id: TARGET[scope].structureId,
          territoryId: TARGET[scope].territoryId,
        }),
      ),
    ),
  // AdminResolver.inviteAccount, MembershipAdminService.invite
  inviteProfessional: (principal, scope) =>
    abilityFor(principal).can('create', 'Membership') &&
    acts(principal, (ability) => ability.can('create', professionalAt(scope))),
  // AdminResolver.resendInvitation, MembershipAdminService.resendInvitation
  resendInvitation: (principal, scope) =>
    abilityFor(principal).can('create', 'Membership') &&
    acts(principal, (ability) => ability.can('create', professionalAt(scope))),
  // MembershipChangeResolver.changeMembershipRole, MembershipChangeService.changeRole: revoke
  // the role held and grant the new one, through one membership.
  promoteToStructureAdmin: (principal, scope) =>
    abilityFor(principal).can('revoke', 'Membership') &&
    abilityFor(principal).can('create', 'Membership') &&
    acts(
      principal,
      (ability) =>
        ability.can('revoke', professionalAt(scope)) &&
        ability.can('create', structureAdminAt(scope)),
    ),
  demoteStructureAdmin: (principal, scope) =>
    abilityFor(principal).can('revoke', 'Membership') &&
    abilityFor(principal).can('create', 'Membership') &&
    acts(
      principal,
      (ability) =>
        ability.can('revoke', structureAdminAt(scope)) &&
        ability.can('create', professionalAt(scope)),
    ),
  // MembershipChangeResolver.addMembership, MembershipChangeService.addMembership: an account
  // known to the caller (a past professional membership there) given the role again.
  addMembership: (principal, scope) =>
    abilityFor(principal).can('create', 'Membership') &&
    abilityFor(principal).can('read', professionalAt(scope)) &&
    acts(principal, (ability) => ability.can('create', professionalAt(scope))),
  // AdminResolver.revokeMembership, MembershipAdminService.revoke
  revokeMembership: (principal, scope) =>
    abilityFor(principal).can('revoke', 'Membership') &&
    acts(principal, (ability) => ability.can('revoke', professionalAt(scope))),
  // AdminResolver.disableAccount, MembershipAdminService.setStatus: every membership of the
  // account (here one professional membership) within reach.
  disableAccount: (principal, scope) =>
    abilityFor(principal).can('revoke', 'Membership') &&
    acts(principal, (ability) => ability.can('revoke', professionalAt(scope))),
  // AdminResolver.adminAuditLog, AdminAuditLogService (a structure's events are its territory's)
  readStructureAuditLog: (principal, scope) =>
    abilityFor(principal).can('read', 'AdminAuditEvent') &&
    acts(principal, (ability) =>
      ability.can(
        'read',
        subject('AdminAuditEvent', {
          territoryId: TARGET[scope].territoryId,
          structureId: TARGET[scope].structureId,
        }),
      ),
    ),
  // EmailDeliveryResolver.emailDeliveries, EmailDeliveryLogReadModel (a structure's log: the
  // emails to the memberships the caller may read there)
  readStructureEmailLog: (principal, scope) =>
    abilityFor(principal).can('read', 'Membership') &&
    readableMembershipRoles(abilityFor(principal), { kind: 'structure', ...TARGET[scope] }).length >
      0,
  // ApiClientResolver.createApiClient, ApiClientAdminService.create
  createApiClient: (principal, scope) =>
    abilityFor(principal).can('create', 'ApiClient') &&
    acts(principal, (ability) =>
      ability.can(
        'create',
        subject('ApiClient', { territoryId: TARGET[scope].territoryId, structureId: null }),
      ),
    ),
  // ApiClientResolver.apiClients, ApiClientAdminService.list
  listApiClients: (principal, scope) =>
    abilityFor(principal).can('read', 'ApiClient') &&
    acts(principal, (ability) =>
      ability.can(
        'read',
        subject('ApiClient', { territoryId: TARGET[scope].territoryId, structureId: null }),
      ),
    ),
  // ApiClientResolver.revokeApiClient, ApiClientAdminService (the client's own place)
  revokeApiClient: (principal, scope) =>
    abilityFor(principal).can('revoke', 'ApiClient') &&
    acts(principal, (ability) =>
      ability.can(
        'revoke',
        subject('ApiClient', {
          territoryId: TARGET[scope].territoryId,
          structureId: TARGET[scope].structureId,
        }),
      ),
    ),
  // AdminResolver.structures, StructureAdminService.list (no acting membership needed)
  listStructures: (principal, scope) =>
    abilityFor(principal).can(
      'read',
      subject('Structure', { id: '', territoryId: TARGET[scope].territoryId }),
    ),
} satisfies Record<string, Operation>;

type Row = Record<keyof typeof OPERATIONS, readonly [boolean, boolean, boolean]>;
const NONE = [false, false, false] as const;
const TERRITORY = [true, true, false] as const;
const OWN_ONLY = [true, false, false] as const;

/** Caseworkers (professionals, orientation managers): no admin right, their territory's structures. */
const CASEWORKER: Row = {
  createStructure: NONE,
  updateStructure: NONE,
  inviteProfessional: NONE,
  resendInvitation: NONE,
  promoteToStructureAdmin: NONE,
  demoteStructureAdmin: NONE,
  addMembership: NONE,
  revokeMembership: NONE,
  disableAccount: NONE,
  readStructureAuditLog: NONE,
  readStructureEmailLog: NONE,
  createApiClient: NONE,
  listApiClients: NONE,
  revokeApiClient: NONE,
  listStructures: TERRITORY,
};

/** Who may do what: [own structure, other structure of the territory, other territory]. */
const EXPECTED: Record<Role, Row> = {
  [Role.PLATFORM_ADMIN]: {
    createStructure: NONE,
    updateStructure: NONE,
    inviteProfessional: NONE,
    resendInvitation: NONE,
    promoteToStructureAdmin: NONE,
    demoteStructureAdmin: NONE,
    addMembership: NONE,
    revokeMembership: NONE,
    disableAccount: NONE,
    readStructureAuditLog: NONE,
    readStructureEmailLog: NONE,
    createApiClient: NONE,
    listApiClients: NONE,
    revokeApiClient: NONE,
    listStructures: NONE,
  },
  [Role.TERRITORY_ADMIN]: {
    createStructure: TERRITORY,
    updateStructure: TERRITORY,
    inviteProfessional: TERRITORY,
    resendInvitation: TERRITORY,
    promoteToStructureAdmin: TERRITORY,
    demoteStructureAdmin: TERRITORY,
    addMembership: TERRITORY,
    revokeMembership: TERRITORY,
    disableAccount: TERRITORY,
    readStructureAuditLog: TERRITORY,
    readStructureEmailLog: TERRITORY,
    createApiClient: TERRITORY,
    listApiClients: TERRITORY,
    revokeApiClient: TERRITORY,
    listStructures: TERRITORY,
  },
  [Role.STRUCTURE_ADMIN]: {
    createStructure: NONE,
    updateStructure: NONE,
    inviteProfessional: OWN_ONLY,
    resendInvitation: OWN_ONLY,
    promoteToStructureAdmin: NONE,
    demoteStructureAdmin: NONE,
    addMembership: OWN_ONLY,
    revokeMembership: OWN_ONLY,
    disableAccount: OWN_ONLY,
    readStructureAuditLog: OWN_ONLY,
    readStructureEmailLog: OWN_ONLY,
    createApiClient: NONE,
    listApiClients: NONE,
    revokeApiClient: NONE,
    listStructures: TERRITORY,
  },
  [Role.ORIENTATION_MANAGER]: CASEWORKER,
  [Role.PROFESSIONAL]: CASEWORKER,
};

/** The actors of the end-to-end matrix: the admins and caseworkers of the own structure. */
const ACTORS: Record<Role, ReturnType<typeof accountPrincipal>> = {
  [Role.PLATFORM_ADMIN]: accountPrincipal([Role.PLATFORM_ADMIN, null, null]),
  [Role.TERRITORY_ADMIN]: accountPrincipal([Role.TERRITORY_ADMIN, null, TERRITORY_A]),
  [Role.STRUCTURE_ADMIN]: accountPrincipal([Role.STRUCTURE_ADMIN, OWN, TERRITORY_A]),
  [Role.ORIENTATION_MANAGER]: accountPrincipal([Role.ORIENTATION_MANAGER, OWN, TERRITORY_A]),
  [Role.PROFESSIONAL]: accountPrincipal([Role.PROFESSIONAL, OWN, TERRITORY_A]),
};

const cells = (Object.keys(EXPECTED) as Role[]).flatMap((role) =>
  (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]).flatMap((operation) =>
    SCOPES.map((scope, index) => ({
      role,
      operation,
      scope,
      allowed: EXPECTED[role][operation][index],
    })),
  ),
);

describe('the admin API authorization matrix, on the rules', () => {
  it.each(cells)(
    '$role → $operation in $scope: allowed = $allowed',
    ({ role, operation, scope, allowed }) => {
      expect(OPERATIONS[operation](ACTORS[role], scope)).toBe(allowed);
    },
  );

  it('lets only the platform admin open a territory', () => {
    for (const role of Object.keys(EXPECTED) as Role[]) {
      const allowed =
        abilityFor(ACTORS[role]).can('create', 'Territory') &&
        acts(ACTORS[role], (ability) => ability.can('create', 'Territory'));
      expect({ role, allowed }).toEqual({ role, allowed: role === Role.PLATFORM_ADMIN });
    }
  });
});
