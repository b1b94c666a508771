import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An `Idempotency-Key` a caller sent with a mutation (Stripe's model): the first response is
 * kept 24 hours and given again for the same key and input; another input is a CONFLICT.
 */
@Entity('idempotency_key')
@Index('IDX_idempotency_key_created', ['createdAt'])
export class IdempotencyKeyEntity {
  /** The caller (account or partner client), so keys of different callers never meet. */
  @PrimaryColumn({ name: 'principal_key', type: 'varchar', length: 80 })
  principalKey!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  /** SHA-256 of the operation and its variables. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  /** The response given, once there is one; null while the first request runs. */
  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
