import type { EntityManager } from 'typeorm';
import { AdminAuditEventEntity } from './admin-audit-event.entity.js';

export interface AdminChange {
  readonly actorAccountId: string;
  readonly actorMembershipId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly territoryId: string | null;
  readonly structureId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** Records an admin change in the caller's transaction: no change without its record. */
export async function recordAdminChange(
  manager: EntityManager,
  change: AdminChange,
): Promise<void> {
  await manager.save(manager.create(AdminAuditEventEntity, { ...change }));
}
