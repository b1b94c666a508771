import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { entityColumns, entityFromRow, preparedQuery } from '@relais/database';
import type { FileScope } from '@relais/access';
import { type StructureType, structureTypeSql } from '@relais/organizations';
import { PersonEntity } from '../people/person.entity.js';
import { FilePartsReader } from './file-parts.js';

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

/** The facts of one file ($1 person, $2 account, $3 days a former referent keeps reading). */
function factsSql(personColumns: string): string {
  return `SELECT p.id AS facts_id, p.territory_id AS facts_territory_id, p.status AS facts_status,
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
    FROM person p WHERE p.id = $1`;
}

/**
 * The person and team_member rows that decide how a caller stands to one file (DOMAIN.md access
 * rules 1 and 4), in one statement. The facts alone are what a scope is made from, so they take
 * none; opening a file reads the person and the parts asked beside them, before the decision,
 * and nothing of them leaves the server unless the decision lets the caller read the file.
 */
@Injectable()
export class FileFactsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /** The facts; undefined when the person does not exist. */
  facts(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FactsRow | undefined> {
    return this.factsRow(accountId, personId, formerReferentDays, manager, '');
  }

  /**
   * The facts and the person and, beside them in the same one statement, the parts of the file
   * that `ask` reads for `provisional` (FilePartsReader.readWith); `adopt` hands them to the
   * scope decided from the facts.
   */
  async factsAndPerson(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
    provisional: FileScope,
    ask: () => void,
  ): Promise<
    { facts: FactsRow; person: PersonEntity; adopt: (scope: FileScope) => void } | undefined
  > {
    const { row, adopt } = await this.parts.readWith<FactsRow & PersonRow>(
      provisional,
      {
        sql: factsSql(`, ${entityColumns(this.dataSource, PersonEntity, 'p')}`),
        params: [personId, accountId, formerReferentDays],
      },
      ask,
    );
    if (!row) return undefined;
    return {
      facts: row,
      person: entityFromRow(this.dataSource, PersonEntity, 'p', row),
      adopt,
    };
  }

  private async factsRow(
    accountId: string | null,
    personId: string,
    formerReferentDays: number,
    manager: EntityManager,
    personColumns: string,
  ): Promise<FactsRow | undefined> {
    const rows = await preparedQuery<FactsRow>(manager, factsSql(personColumns), [
      personId,
      accountId,
      formerReferentDays,
    ]);
    return rows[0];
  }
}

/** The person's columns beside the facts, read with `entityColumns`. */
type PersonRow = Readonly<Record<string, unknown>>;
