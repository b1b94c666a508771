import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { entityColumns, entityFromRow, preparedQuery } from '@relais/database';
import { type StructureType, structureTypeSql } from '@relais/organizations';
import { PersonEntity } from '../people/person.entity.js';

/** The facts of a file that its access rules look at, as pathways' tables hold them. */
export interface FactsRow {
  facts_id: string;
  facts_territory_id: string;
  facts_status: string;
  facts_restricted: boolean;
  facts_objection: boolean;
  /** The caller's stays, each with its structure's type (organizations' subquery). */
  facts_stays: {
    membershipId: string;
    structureId: string;
    structureType: StructureType;
    role: 'REFERENT' | 'FOLLOWER';
    active: boolean;
  }[];
  facts_team_structure_ids: string[];
}

/**
 * The person and team_member rows that decide how a caller stands to one file (DOMAIN.md access
 * rules 1 and 4), in one statement. It reads no person data for anyone: it is what a scope is
 * made from, so it takes none.
 */
@Injectable()
export class FileFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The facts; undefined when the person does not exist. */
  facts(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FactsRow | undefined> {
    return this.factsRow(accountId, personId, formerReferentDays, manager, '');
  }

  /** The facts and the person, in the same one statement (the read every file starts with). */
  async factsAndPerson(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
  ): Promise<{ facts: FactsRow; person: PersonEntity } | undefined> {
    const row = await this.factsRow(
      accountId,
      personId,
      formerReferentDays,
      this.dataSource.manager,
      `, ${entityColumns(this.dataSource, PersonEntity, 'p')}`,
    );
    if (!row) return undefined;
    return {
      facts: row,
      person: entityFromRow(this.dataSource, PersonEntity, 'p', row as FactsRow & PersonRow),
    };
  }

  private async factsRow(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
    manager: EntityManager,
    personColumns: string,
  ): Promise<FactsRow | undefined> {
    const rows = await preparedQuery<FactsRow>(
      manager,
      `SELECT p.id AS facts_id, p.territory_id AS facts_territory_id, p.status AS facts_status,
         p.restricted AS facts_restricted, p.objection AS facts_objection,
         COALESCE((SELECT json_agg(json_build_object(
              'membershipId', tm.membership_id, 'structureId', tm.structure_id,
              'structureType', ${structureTypeSql('tm.structure_id')}, 'role', tm.role, 'active', tm.left_at IS NULL))
            FROM team_member tm
           WHERE tm.person_id = p.id AND tm.account_id = $2
             AND (tm.left_at IS NULL
               OR (tm.role = 'REFERENT' AND tm.left_reason = 'HANDOVER'
                   AND tm.left_at > now() - make_interval(days => $3)))), '[]') AS facts_stays,
         ARRAY(SELECT DISTINCT tm.structure_id FROM team_member tm
                WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS facts_team_structure_ids
         ${personColumns}
       FROM person p WHERE p.id = $1`,
      [personId, accountId, formerReferentDays],
    );
    return rows[0];
  }
}

/** The person's columns beside the facts, read with `entityColumns`. */
type PersonRow = Readonly<Record<string, unknown>>;
