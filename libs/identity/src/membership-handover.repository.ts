import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A professional as a handover names them: account id and display name. */
export interface ProfessionalRef {
  readonly id: string;
  readonly name: string;
}

/**
 * The memberships a handover or an orientation request asks about: who may be named or become
 * the referent in a structure, and which structure a requester acted from.
 */
@Injectable()
export class MembershipHandoverRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account's active professional membership in the structure, if any (account enabled). */
  async professionalMembership(
    accountId: string,
    structureId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT m.id FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.account_id = $1 AND m.structure_id = $2 AND m.role = 'PROFESSIONAL'
          AND m.revoked_at IS NULL AND a.status = 'ACTIVE'
        ORDER BY m.created_at LIMIT 1`,
      [accountId, structureId],
    );
    return rows[0]?.id ?? null;
  }

  /** The structure's enabled professionals, by family name: a directory, names only. */
  async professionalsOf(
    structureId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProfessionalRef[]> {
    const rows = await manager.query<ProfessionalRef[]>(
      `SELECT DISTINCT a.id, a.given_name || ' ' || a.family_name AS name, a.family_name, a.given_name
         FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.structure_id = $1 AND m.role = 'PROFESSIONAL' AND m.revoked_at IS NULL
          AND a.status = 'ACTIVE'
        ORDER BY a.family_name, a.given_name, a.id`,
      [structureId],
    );
    return rows.map(({ id, name }) => ({ id, name }));
  }

  /** The structure a membership belongs to (none for a territory's or a national role). */
  async structureIdOf(
    membershipId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const rows = await manager.query<{ structure_id: string | null }[]>(
      `SELECT structure_id FROM membership WHERE id = $1`,
      [membershipId],
    );
    return rows[0]?.structure_id ?? null;
  }
}
