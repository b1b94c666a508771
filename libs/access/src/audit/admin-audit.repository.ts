import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AdminAuditEventEntity } from './admin-audit-event.entity.js';
import type { AdminAuditChainRow } from './admin-audit.verifier.js';

/** An admin change numbered, stamped and hashed, ready to append: a row of the chain. */
export type AdminAuditInsertRow = AdminAuditChainRow;

/** Where a page of admin changes is read: one structure, one territory, or the platform. */
export type AdminAuditPlace =
  { readonly structureId: string } | { readonly territoryId: string } | { readonly platform: true };

const ROW_COLUMNS = `seq::text AS seq, id, occurred_at AS "occurredAt",
  actor_account_id AS "actorAccountId", actor_membership_id AS "actorMembershipId", action,
  subject_type AS "subjectType", subject_id AS "subjectId", territory_id AS "territoryId",
  structure_id AS "structureId", before::text AS "beforeText", after::text AS "afterText",
  prev_hash AS "prevHash", hash`;

/** The `admin_audit_event` table (and its chain's head): its one owner. */
@Injectable()
export class AdminAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the chain's head if missing and locks it until the caller commits. */
  async lockHead(genesis: Buffer, manager: EntityManager): Promise<{ lastHash: Buffer }> {
    const [head] = await manager.query<{ lastHash: Buffer }[]>(
      `INSERT INTO admin_audit_head (chain, last_seq, last_hash) VALUES ('admin', 0, $1)
     ON CONFLICT (chain) DO UPDATE SET last_seq = admin_audit_head.last_seq
     RETURNING last_hash AS "lastHash"`,
      [genesis],
    );
    return head;
  }

  /** The next row's number, id and time, and its JSON as PostgreSQL prints it. */
  async numberRow(
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    manager: EntityManager,
  ): Promise<{
    seq: string;
    id: string;
    occurredAt: Date;
    beforeText: string | null;
    afterText: string | null;
  }> {
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
      [before, after],
    );
    return numbered;
  }

  async insert(row: AdminAuditInsertRow, manager: EntityManager): Promise<void> {
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
        row.hash,
      ],
    );
  }

  /** Rows of the chain after `seq`, in chain order. */
  async chainBatch(
    afterSeq: string,
    batchSize: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AdminAuditChainRow[]> {
    return manager.query<AdminAuditChainRow[]>(
      `SELECT ${ROW_COLUMNS} FROM admin_audit_event
          WHERE seq > $1 ORDER BY admin_audit_event.seq LIMIT $2`,
      [afterSeq, batchSize],
    );
  }

  /** The chain's head, if it has one. */
  async head(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ lastSeq: string; lastHash: Buffer } | undefined> {
    const [head] = await manager.query<{ lastSeq: string; lastHash: Buffer }[]>(
      `SELECT last_seq::text AS "lastSeq", last_hash AS "lastHash" FROM admin_audit_head
        WHERE chain = 'admin'`,
    );
    return head;
  }

  /** A row's hash by its seq, if the row is still there. */
  async hashOfSeq(
    seq: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ hash: Buffer } | undefined> {
    const [row] = await manager.query<{ hash: Buffer }[]>(
      'SELECT hash FROM admin_audit_event WHERE seq = $1',
      [seq],
    );
    return row;
  }

  /**
   * A page of the admin changes at a place, newest first: `limit` rows after the row `afterId`
   * (compared in the database, at its full precision).
   */
  async pageAt(
    place: AdminAuditPlace,
    limit: number,
    afterId: string | null,
  ): Promise<AdminAuditEventEntity[]> {
    const query: SelectQueryBuilder<AdminAuditEventEntity> = this.dataSource.manager
      .createQueryBuilder(AdminAuditEventEntity, 'event')
      .orderBy('event.occurred_at', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(limit);
    if ('structureId' in place)
      query.where('event.structure_id = :structureId', { structureId: place.structureId });
    else if ('territoryId' in place)
      query.where('event.territory_id = :territoryId', { territoryId: place.territoryId });
    else query.where('event.territory_id IS NULL');
    if (afterId !== null) {
      query.andWhere(
        '(event.occurred_at, event.id) < (SELECT occurred_at, id FROM admin_audit_event WHERE id = :id)',
        { id: afterId },
      );
    }
    return query.getMany();
  }
}
