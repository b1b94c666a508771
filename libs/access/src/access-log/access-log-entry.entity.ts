import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AccessGround } from './access-ground.js';

/**
 * One read of a full file: who, acting as which membership (or which partner client), whom, when
 * and on what ground. Append-only and chained (decision 0008): a trigger refuses updates and
 * deletes; `hash` = HMAC-SHA-256(AUDIT_CHAIN_KEY, previous hash of the territory ‖ this row),
 * computed by AccessLogWriter, so a row altered or a chain recomputed without the key breaks.
 * No foreign key to the person: the log outlives a purged file with a pseudonymous id.
 */
@Entity('access_log')
@Index('IDX_access_log_person', ['personId', 'id'])
@Index('IDX_access_log_territory', ['territoryId', 'id'])
export class AccessLogEntryEntity {
  /** Drawn by the writer from `access_log_id_seq` once the territory's head is locked: chain order. */
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ name: 'membership_id', type: 'uuid', nullable: true })
  membershipId!: string | null;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ type: 'enum', enum: AccessGround, enumName: 'access_ground' })
  ground!: AccessGround;

  /** Millisecond precision, so the verifier can rebuild each row's hash outside the database. */
  @Column({
    name: 'accessed_at',
    type: 'timestamptz',
    default: () => "date_trunc('milliseconds', clock_timestamp())",
  })
  accessedAt!: Date;

  @Column({ name: 'prev_hash', type: 'bytea' })
  prevHash!: Buffer;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}
