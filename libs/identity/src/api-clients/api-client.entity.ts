import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A partner system (France Travail, CAF, a département's software) that signs in with client
 * credentials, scoped to a territory or to one of its structures and to a list of scopes. Its
 * secret is kept only as a SHA-256 hash; it was shown once, at creation or rotation.
 */
@Entity('api_client')
@Index('IDX_api_client_territory', ['territoryId'])
export class ApiClientEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz' })
  secretRotatedAt!: Date;

  @Column({ name: 'created_by_membership_id', type: 'uuid' })
  createdByMembershipId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Where events are posted (Standard Webhooks), for partners that keep no connection open. */
  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl!: string | null;

  /** The endpoint's signing secret (`whsec_…`): a shared HMAC key, so kept as is, shown once. */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 100, nullable: true })
  webhookSecret!: string | null;
}
