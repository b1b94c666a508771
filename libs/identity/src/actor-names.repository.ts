import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Who acted, as other domains name them: accounts' names, memberships' structures, clients' names. */
export interface ActorNames {
  readonly accounts: ReadonlyMap<
    string,
    { readonly givenName: string; readonly familyName: string }
  >;
  /** The structure of each membership (null for a territory-wide one). */
  readonly membershipStructures: ReadonlyMap<string, string | null>;
  readonly clients: ReadonlyMap<string, string>;
}

interface ActorRow {
  kind: 'account' | 'membership' | 'client';
  id: string;
  given_name: string | null;
  family_name: string | null;
  structure_id: string | null;
  name: string | null;
}

/**
 * The actors of a list of changes (a file's timeline in its RGPD export), named in one statement
 * for the whole list (STYLE.md rule 9): accounts, the memberships they acted with, partner clients.
 */
@Injectable()
export class ActorNamesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async namesOf(
    ids: {
      readonly accountIds: readonly string[];
      readonly membershipIds: readonly string[];
      readonly clientIds: readonly string[];
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActorNames> {
    const accountIds = [...new Set(ids.accountIds)];
    const membershipIds = [...new Set(ids.membershipIds)];
    const clientIds = [...new Set(ids.clientIds)];
    const names: ActorNames = {
      accounts: new Map(),
      membershipStructures: new Map(),
      clients: new Map(),
    };
    if (accountIds.length + membershipIds.length + clientIds.length === 0) return names;
    const rows = await manager.query<ActorRow[]>(
      `SELECT 'account' AS kind, a.id, a.given_name, a.family_name, NULL::uuid AS structure_id,
         NULL AS name FROM account a WHERE a.id = ANY($1::uuid[])
       UNION ALL SELECT 'membership', m.id, NULL, NULL, m.structure_id, NULL
         FROM membership m WHERE m.id = ANY($2::uuid[])
       UNION ALL SELECT 'client', c.id, NULL, NULL, NULL, c.name
         FROM api_client c WHERE c.id = ANY($3::uuid[])`,
      [accountIds, membershipIds, clientIds],
    );
    const accounts = new Map<string, { givenName: string; familyName: string }>();
    const membershipStructures = new Map<string, string | null>();
    const clients = new Map<string, string>();
    for (const row of rows) {
      if (row.kind === 'account') {
        accounts.set(row.id, {
          givenName: row.given_name ?? '',
          familyName: row.family_name ?? '',
        });
      } else if (row.kind === 'membership') {
        membershipStructures.set(row.id, row.structure_id);
      } else if (row.name !== null) {
        clients.set(row.id, row.name);
      }
    }
    return { accounts, membershipStructures, clients };
  }
}
