import type { EntityManager } from 'typeorm';
import { auditChainHash, auditChainKeyFrom } from '@relais/core';
import { AdminAuditRepository } from './admin-audit.repository.js';
import { adminAuditCanonical } from './admin-audit.verifier.js';

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

const GENESIS = Buffer.alloc(32);

/**
 * Records an admin change in the caller's transaction: no change without its record. The row
 * is chained here with the environment's key (decision 0008): the head is locked (until the
 * caller commits), the row numbered, stamped, and hashed over the JSON as PostgreSQL prints it;
 * the admin_audit_chain trigger checks the link and moves the head.
 */
export async function recordAdminChange(
  manager: EntityManager,
  change: AdminChange,
): Promise<void> {
  const key = auditChainKeyFrom(process.env);
  const audit = new AdminAuditRepository(manager.connection);
  const head = await audit.lockHead(GENESIS, manager);
  const numbered = await audit.numberRow(change.before, change.after, manager);
  const row = { ...change, ...numbered, prevHash: head.lastHash };
  const hash = auditChainHash(key, row.prevHash, adminAuditCanonical({ ...row, hash: GENESIS }));
  await audit.insert({ ...row, hash }, manager);
}
