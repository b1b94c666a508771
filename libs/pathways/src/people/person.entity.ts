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
  UpdateDateColumn,
} from 'typeorm';
import { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  ContractSought,
  Gender,
  OrientationType,
  PersonRight,
  PersonStatus,
} from '../pathway.enums.js';

/**
 * The person whose pathway is shared, and the fields of their file that hang on them alone
 * (identity, identifiers, rights, orientation, professional project, RGPD flags). `version` is
 * bumped by every change of these fields; `lastActivityAt` by any change anywhere in the file.
 */
@Entity('person')
@Index('IDX_person_territory_activity', ['territoryId', 'lastActivityAt'])
// FranceConnect's sign-in looks files up by birth date (issue 22).
@Index('IDX_person_birth_date', ['birthDate'])
@Index('IDX_person_archived', ['archivedAt'], { where: `"status" = 'ARCHIVED'` })
@Index('UQ_person_territory_nir', ['territoryId', 'nir'], {
  unique: true,
  where: '"nir" IS NOT NULL',
})
@Index('UQ_person_territory_caf', ['territoryId', 'cafNumber'], {
  unique: true,
  where: '"caf_number" IS NOT NULL',
})
@Index('UQ_person_territory_france_travail', ['territoryId', 'franceTravailId'], {
  unique: true,
  where: '"france_travail_id" IS NOT NULL',
})
@Index('UQ_person_territory_external', ['territoryId', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
@Index('UQ_person_territory_name_birth', ['territoryId', 'identityKey', 'birthDate'], {
  unique: true,
})
// A GIN trigram index on search_name, made by a hand-written migration.
@Index('IDX_person_search_trgm', { synchronize: false })
@Check('CHK_person_mobility_radius', '"mobility_radius_km" BETWEEN 0 AND 500')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<TerritoryEntity>;

  /** The person's identifier in the département's own software, as bulk imports give it. */
  @Column({ name: 'external_id', type: 'varchar', length: 64, nullable: true })
  externalId!: string | null;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Column({ name: 'birth_name', type: 'varchar', length: 100, nullable: true })
  birthName!: string | null;

  /** `YYYY-MM-DD`, as PostgreSQL gives a date. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  /** The sex of the civil registry; with the fields below, what FranceConnect's pivot matches. */
  @Column({ type: 'enum', enum: Gender, enumName: 'person_gender', nullable: true })
  gender!: Gender | null;

  /** The INSEE (COG) code of the town of birth; null when born abroad or not known. */
  @Column({ type: 'char', length: 5, nullable: true })
  birthplace!: string | null;

  /** The INSEE (COG) code of the country of birth, 99100 for France. */
  @Column({ name: 'birth_country', type: 'char', length: 5, nullable: true })
  birthCountry!: string | null;

  /** Family, given and birth names, lower-cased and without accents, for search. */
  @Column({ name: 'search_name', type: 'varchar', length: 310 })
  searchName!: string;

  /** Family and given names as search compares them: with the birth date, a likely duplicate. */
  @Column({ name: 'identity_key', type: 'varchar', length: 210 })
  identityKey!: string;

  @Column({ type: 'citext', nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ name: 'address_line', type: 'varchar', length: 200, nullable: true })
  addressLine!: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 5, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @Column({ name: 'caf_number', type: 'varchar', length: 7, nullable: true })
  cafNumber!: string | null;

  @Column({ name: 'france_travail_id', type: 'varchar', length: 11, nullable: true })
  franceTravailId!: string | null;

  /** Numéro d'inscription au répertoire (15 characters with its key). */
  @Column({ type: 'char', length: 15, nullable: true })
  nir!: string | null;

  @Column({
    type: 'enum',
    enum: PersonRight,
    enumName: 'person_right',
    array: true,
    default: () => "'{}'",
  })
  rights!: PersonRight[];

  /** Soumis aux droits et devoirs (RSA). */
  @Column({ name: 'rights_and_duties', type: 'boolean', default: false })
  rightsAndDuties!: boolean;

  @Column({
    name: 'orientation_type',
    type: 'enum',
    enum: OrientationType,
    enumName: 'orientation_type',
    nullable: true,
  })
  orientationType!: OrientationType | null;

  @Column({ name: 'orientation_structure_id', type: 'uuid', nullable: true })
  orientationStructureId!: string | null;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'orientation_structure_id' })
  orientationStructure?: Relation<StructureEntity> | null;

  @Column({ name: 'target_job', type: 'varchar', length: 200, nullable: true })
  targetJob!: string | null;

  /** ROME code of the target job (one letter, four digits). */
  @Column({ name: 'rome_code', type: 'char', length: 5, nullable: true })
  romeCode!: string | null;

  @Column({ name: 'mobility_radius_km', type: 'smallint', nullable: true })
  mobilityRadiusKm!: number | null;

  @Column({
    name: 'contracts_sought',
    type: 'enum',
    enum: ContractSought,
    enumName: 'contract_sought',
    array: true,
    default: () => "'{}'",
  })
  contractsSought!: ContractSought[];

  @Column({
    type: 'enum',
    enum: PersonStatus,
    enumName: 'person_status',
    default: PersonStatus.ACTIVE,
  })
  status!: PersonStatus;

  /** RGPD restriction: the file is read-only and hidden from partner systems. */
  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  /** RGPD objection: no sharing with partner systems, no new team member without agreement. */
  @Column({ type: 'boolean', default: false })
  objection!: boolean;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_by_membership_id', type: 'uuid', nullable: true })
  createdByMembershipId!: string | null;

  @Column({ name: 'created_by_client_id', type: 'uuid', nullable: true })
  createdByClientId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt!: Date;

  /** When retention archived the file (24 months without activity); purged 24 months later. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
