import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** The OpenID provider a session was opened through, whose own session its sign-out ends too. */
export type SessionProvider = 'proconnect' | 'franceconnect';

/**
 * A signed-in session: the family of its refresh tokens. Access tokens name it, and a request
 * whose session is revoked is refused at once. It is an account's, or a followed person's in
 * their personal space (issue 22): exactly one of the two (a check constraint says so).
 */
@Entity('session')
@Check('CHK_session_one_subject', '("account_id" IS NULL) <> ("person_id" IS NULL)')
@Check(
  'CHK_session_provider',
  `("provider" IS NULL AND "provider_id_token" IS NULL) OR "provider" IN ('proconnect', 'franceconnect')`,
)
@Index('IDX_session_person', ['personId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  /** The person (pathways' `person`) of a personal-space session; null for an account's. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<AccountEntity>;

  /** How the person authenticated (`amr` of OpenID Connect: pwd, otp, mfa, ...; `dev`). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  amr!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 40, nullable: true })
  revokedReason!: string | null;

  /**
   * The provider the session was opened through (ProConnect, FranceConnect); null for the
   * emailed code and the development sign-in. Kept once the session ends (what it was).
   */
  @Column({ type: 'varchar', length: 20, nullable: true })
  provider!: SessionProvider | null;

  /**
   * The provider's raw ID token, the `id_token_hint` of its logout (RP-initiated logout); never
   * read with the row (`select: false`) and cleared when the session is ended (sign-out, a
   * refresh that finds it idle, too old or its token reused, the person's space revoked).
   * No API answer carries it, except the logout URL given to this session's own sign-out.
   */
  @Column({ name: 'provider_id_token', type: 'text', nullable: true, select: false })
  providerIdToken?: string | null;
}

/** One refresh token of a session, stored as a SHA-256 hash; used once, then replaced. */
@Entity('refresh_token')
@Index('IDX_refresh_token_session', ['sessionId'])
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<SessionEntity>;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /**
   * Once used: its successor, sealed with a key derived from this token (never readable from
   * the database alone), so a concurrent refresh within the grace gets the same successor.
   */
  @Column({ name: 'successor_sealed', type: 'bytea', nullable: true, select: true })
  successorSealed!: Buffer | null;
}
