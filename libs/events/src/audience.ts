import type { EntityManager } from 'typeorm';

/** Who an event is for, in DOMAIN.md's words; resolved to accounts in the event's transaction. */
export interface AudienceSpec {
  readonly accountIds?: readonly (string | null | undefined)[];
  /** Active structure admins of these structures. */
  readonly structureAdminsOf?: readonly string[];
  /** Active orientation managers of this territory. */
  readonly orientationManagersOf?: string | null;
  /** The person's active team. */
  readonly teamOf?: string | null;
}

/** Turns an audience into accounts, reading memberships and teams in the caller's transaction. */
export interface AudienceResolver {
  resolve(manager: EntityManager, spec: AudienceSpec): Promise<string[]>;
}

let installed: AudienceResolver | null = null;

/**
 * The events lib is the ground floor: it reads no table but its own, so the memberships and
 * teams an audience names are resolved by the notifications lib (which owns the recipients of
 * events), installed here when the application is built. The writers keep calling
 * `resolveAudience` in their transaction, below notifications, without importing it.
 */
export function installAudienceResolver(resolver: AudienceResolver): void {
  installed = resolver;
}

/** The accounts of an audience, with active memberships only, in the caller's transaction. */
export async function resolveAudience(
  manager: EntityManager,
  spec: AudienceSpec,
): Promise<string[]> {
  if (!installed) {
    throw new Error('No audience resolver: the application must import the NotificationsModule.');
  }
  return installed.resolve(manager, spec);
}
