import type { EntityManager } from 'typeorm';
import { auditChainHash, auditChainKeyFrom } from '@relais/core';
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
  const [head] = await manager.query<{ lastHash: Buffer }[]>(
    `INSERT INTO admin_audit_head (chain, last_seq, last_hash) VALUES ('admin', 0, $1)
     ON CONFLICT (chain) DO UPDATE SET last_seq = admin_audit_head.last_seq
     RETURNING last_hash AS "lastHash"`,
    [GENESIS],
  );
  const [numbered] = await manager.query<
    {
      seq: string;
      id: string;
      occurredAt: Date;
      beforeText: string | null;
      afterText: string | null;
    }[]
  >(
    `SELECT nextval('admin_audit_seq')::text AS seq, gen_random_uuid() AS id,
       date_trunc('milliseconds', clock_timestamp()) AS "occurredAt",
       $1::jsonb::text AS "beforeText", $2::jsonb::text AS "afterText"`,
    [change.before, change.after],
  );
  const row = { ...change, ...numbered, prevHash: head.lastHash };
  const hash = auditChainHash(key, row.prevHash, adminAuditCanonical({ ...row, hash: GENESIS }));
  await manager.query(
    `INSERT INTO admin_audit_event (seq, id, occurred_at, actor_account_id, actor_membership_id,
       action, subject_type, subject_id, territory_id, structure_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14)`,
    [
      row.seq,
      row.id,
      row.occurredAt.toISOString(),
      row.actorAccountId,
      row.actorMembershipId,
      row.action,
      row.subjectType,
      row.subjectId,
      row.territoryId,
      row.structureId,
      row.beforeText,
      row.afterText,
      row.prevHash,
      hash,
    ],
  );
}
