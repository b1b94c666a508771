import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum EmailMode {
  IMMEDIATE = 'IMMEDIATE',
  DIGEST = 'DIGEST',
  NEVER = 'NEVER',
}

/** An account's choice for one category of emails; no row means the category's default. */
@Entity('email_preference')
export class EmailPreferenceEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'enum', enum: EmailMode, enumName: 'email_mode' })
  mode!: EmailMode;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
