import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FileScope, SystemScope, ViewerScope } from '@relais/access';
import { updateVersioned } from '../file/versioned-update.js';
import { PersonStatus } from '../pathway.enums.js';
import { TeamMemberEntity } from '../team/team-member.entity.js';
import { PersonEntity } from './person.entity.js';

/** The keys that make two people of a territory likely the same person. */
export interface DuplicateKeys {
  readonly identityKey: string;
  readonly birthDate: string;
  readonly cafNumber: string | null;
  readonly franceTravailId: string | null;
  readonly nir: string | null;
}

/** What FranceConnect's identity pivot is matched against (issue 22). */
export type PersonBirthIdentity = Pick<
  PersonEntity,
  | 'id'
  | 'givenName'
  | 'familyName'
  | 'birthName'
  | 'birthDate'
  | 'gender'
  | 'birthplace'
  | 'birthCountry'
>;

/**
 * The person table: a file's own fields, written by the person service in its transaction, and
 * the creator's stay in the team, written with the file it creates.
 */
@Injectable()
export class PersonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new person, with its generated columns. */
  insert(
    values: Partial<PersonEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity> {
    return manager.save(manager.create(PersonEntity, values));
  }

  /** The creator of a file joins its team as they create it. */
  insertCreatorStay(
    values: Pick<
      TeamMemberEntity,
      'personId' | 'accountId' | 'membershipId' | 'structureId' | 'role' | 'joinReason'
    >,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TeamMemberEntity> {
    return manager.save(manager.create(TeamMemberEntity, values));
  }

  /** The file's person, as the scope's viewer reads it. */
  person(
    scope: FileScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity> {
    return manager.findOneByOrFail(PersonEntity, { id: scope.viewer.personId });
  }

  /** A versioned change of the person's columns; CONFLICT on a stale version. */
  updateVersioned(
    personId: string,
    version: number,
    changes: Partial<PersonEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    return updateVersioned(manager, PersonEntity, personId, version, changes);
  }

  /**
   * The id of a likely duplicate in the territory (same name and birth date, or one identifier),
   * other than `exceptId`: the caller creating or changing a file is told who is already there.
   */
  async duplicateOf(
    scope: ViewerScope,
    territoryId: string,
    keys: DuplicateKeys,
    exceptId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM person
        WHERE territory_id = $1 AND id IS DISTINCT FROM $7
          AND ((identity_key = $2 AND birth_date = $3) OR caf_number = $4
               OR france_travail_id = $5 OR nir = $6)
        LIMIT 1`,
      [
        territoryId,
        keys.identityKey,
        keys.birthDate,
        keys.cafNumber,
        keys.franceTravailId,
        keys.nir,
        exceptId,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The active files of people born on this date, with their birth identity: the candidates of
   * a FranceConnect sign-in, compared in the person space's matching (never shown to anyone).
   */
  birthIdentities(
    _scope: SystemScope,
    birthDate: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonBirthIdentity[]> {
    return manager.find(PersonEntity, {
      select: {
        id: true,
        givenName: true,
        familyName: true,
        birthName: true,
        birthDate: true,
        gender: true,
        birthplace: true,
        birthCountry: true,
      },
      where: { birthDate, status: PersonStatus.ACTIVE },
    });
  }
}
