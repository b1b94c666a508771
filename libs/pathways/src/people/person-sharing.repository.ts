import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { preparedQuery } from '@relais/database';
import { DataSource, type EntityManager } from 'typeorm';

/** Whether people let their events be shared with partner systems (restriction, objection). */
@Injectable()
export class PersonSharingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Those of these people who restricted processing or objected to sharing: no partner may see
   * their events. `systemScope('dispatcher')`: read as events are dispatched.
   */
  async withheld(
    _scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows = await preparedQuery<{ id: string }>(
      manager,
      `SELECT id FROM person WHERE id = ANY($1::uuid[]) AND COALESCE(restricted OR objection, false)`,
      [[...new Set(personIds)]],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The given and family names of these people, for the emails of their events (which show the
   * first name and the initial only), in one statement. `systemScope('dispatcher')`.
   */
  async namesForEmail(
    _scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, { givenName: string; familyName: string }>> {
    if (personIds.length === 0) return new Map();
    const rows = await preparedQuery<{ id: string; given_name: string; family_name: string }>(
      manager,
      `SELECT id, given_name, family_name FROM person WHERE id = ANY($1::uuid[])`,
      [[...new Set(personIds)]],
    );
    return new Map(
      rows.map((row) => [row.id, { givenName: row.given_name, familyName: row.family_name }]),
    );
  }
}
