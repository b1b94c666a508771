import { type Principal, Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { AccessGround } from '../access-log/access-ground.js';

/** How long a referent who handed the person over keeps reading the file (DOMAIN.md rule 4). */
export const FORMER_REFERENT_READ_DAYS = 30;

/** Bodies whose team members may read sensitive obstacles and notes (DOMAIN.md rule 2). */
export const SOCIAL_STRUCTURE_TYPES: readonly StructureType[] = [
  StructureType.CONSEIL_DEPARTEMENTAL,
  StructureType.CCAS,
  StructureType.CAF,
  StructureType.MSA,
];

/** Bodies whose team members may read the NIR: the social bodies and France Travail. */
export const NIR_STRUCTURE_TYPES: readonly StructureType[] = [
  ...SOCIAL_STRUCTURE_TYPES,
  StructureType.FRANCE_TRAVAIL,
];

/** What the database says about one file and the caller's place in its team. */
export interface FileFacts {
  readonly personId: string;
  readonly territoryId: string;
  readonly archived: boolean;
  readonly restricted: boolean;
  readonly objection: boolean;
  /** The caller's stays in the team: active ones, and referent stays ended by a handover lately. */
  readonly stays: readonly {
    readonly membershipId: string;
    readonly structureId: string;
    readonly structureType: StructureType;
    readonly role: 'REFERENT' | 'FOLLOWER';
    readonly active: boolean;
  }[];
  /** The structures of the active team, for a partner client scoped to a structure. */
  readonly teamStructureIds: readonly string[];
}

/**
 * The caller as one file sees them, decided once per request: on what ground they read it, with
 * which membership, whether they may change it, and which sensitive data they may read. Every
 * read and redaction of the file goes through it (STYLE.md rule 5).
 */
export interface FileViewer {
  readonly principal: Principal;
  readonly personId: string;
  readonly territoryId: string;
  readonly ground: AccessGround;
  /** The membership the caller reads (and, for a team member, writes) with; null for a client. */
  readonly membershipId: string | null;
  readonly accountId: string | null;
  readonly clientId: string | null;
  readonly teamRole: 'REFERENT' | 'FOLLOWER' | null;
  /** May change the file's content (team member, file neither archived nor restricted). */
  readonly canWrite: boolean;
  /** Sensitive obstacles, notes and rights (RQTH). */
  readonly canReadSensitive: boolean;
  readonly canReadNir: boolean;
  /** The caller's structures, for notes shown to the author's structure. */
  readonly structureIds: readonly string[];
}

/** Decides the caller's view of a file, or null when they may not open it. */
export function fileViewerFor(principal: Principal, facts: FileFacts): FileViewer | null {
  const base = { principal, personId: facts.personId, territoryId: facts.territoryId };
  if (principal.kind === 'person') {
    // Their own file and no other; what they read of it is the SELF ground's (file-ability.ts).
    if (principal.personId !== facts.personId) return null;
    return {
      ...base,
      ground: AccessGround.SELF,
      membershipId: null,
      accountId: null,
      clientId: null,
      teamRole: null,
      canWrite: false,
      canReadSensitive: false,
      canReadNir: false,
      structureIds: [],
    };
  }
  if (principal.kind === 'client') {
    const inScope =
      principal.territoryId === facts.territoryId &&
      (principal.structureId === null || facts.teamStructureIds.includes(principal.structureId));
    // Restriction and objection stop any sharing with partner systems (DOMAIN.md rule 8).
    if (!inScope || !principal.scopes.includes('persons:read')) return null;
    if (facts.restricted || facts.objection) return null;
    const sensitive = principal.scopes.includes('sensitive:read');
    return {
      ...base,
      ground: AccessGround.PARTNER_CLIENT,
      membershipId: null,
      accountId: null,
      clientId: principal.clientId,
      teamRole: null,
      canWrite: false,
      canReadSensitive: sensitive,
      canReadNir: sensitive,
      structureIds: principal.structureId ? [principal.structureId] : [],
    };
  }

  const active = new Map(principal.memberships.map((membership) => [membership.id, membership]));
  const structureIds = principal.memberships
    .map((membership) => membership.structureId)
    .filter((id): id is string => id !== null);
  const accountBase = {
    ...base,
    accountId: principal.accountId,
    clientId: null,
    structureIds,
  };
  const stays = facts.stays.filter((stay) => active.has(stay.membershipId));
  const current = stays.filter((stay) => stay.active);
  if (current.length > 0) {
    const stay = current.find((s) => s.role === 'REFERENT') ?? current[0];
    const referent = stay.role === 'REFERENT';
    const social = current.some((s) => SOCIAL_STRUCTURE_TYPES.includes(s.structureType));
    return {
      ...accountBase,
      ground: AccessGround.TEAM_MEMBER,
      membershipId: stay.membershipId,
      teamRole: stay.role,
      canWrite: !facts.archived && !facts.restricted,
      canReadSensitive: referent || social,
      canReadNir: referent || current.some((s) => NIR_STRUCTURE_TYPES.includes(s.structureType)),
    };
  }
  const former = stays.find((stay) => !stay.active && stay.role === 'REFERENT');
  if (former) {
    return {
      ...accountBase,
      ground: AccessGround.FORMER_REFERENT,
      membershipId: former.membershipId,
      teamRole: null,
      canWrite: false,
      canReadSensitive: SOCIAL_STRUCTURE_TYPES.includes(former.structureType),
      canReadNir: NIR_STRUCTURE_TYPES.includes(former.structureType),
    };
  }
  const manager = principal.memberships.find(
    (membership) =>
      membership.role === Role.ORIENTATION_MANAGER && membership.territoryId === facts.territoryId,
  );
  if (manager) {
    return {
      ...accountBase,
      ground: AccessGround.ORIENTATION_MANAGER,
      membershipId: manager.id,
      teamRole: null,
      canWrite: false,
      canReadSensitive: false,
      canReadNir: false,
    };
  }
  return null;
}
