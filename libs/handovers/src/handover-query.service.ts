import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { type Page, toPage } from '@relais/core';
import { type Principal, Role } from '@relais/identity';
import { timePosition } from '@relais/pathways';
import type { HandoverStatus } from './handover.enums.js';
import { HANDOVER_SELECT, type HandoverRow, handoverOf } from './handover.queries.js';
import { HandoverDirection, type HandoverView, type NamedRef } from './handover.views.js';

/** Who the caller is in the lists and the party checks, as SQL parameters $1..$4. */
export interface PartyParams {
  readonly membershipIds: string[];
  readonly accountId: string;
  /** Structures where the caller is a professional or an admin. */
  readonly structureIds: string[];
  /** Territories where the caller is an orientation manager. */
  readonly managedTerritoryIds: string[];
}

export function partyParams(principal: Principal): PartyParams {
  if (principal.kind !== 'account') throw forbidden();
  const structureIds = principal.memberships
    .filter((m) => m.role === Role.PROFESSIONAL || m.role === Role.STRUCTURE_ADMIN)
    .map((m) => m.structureId)
    .filter((id): id is string => id !== null);
  const managedTerritoryIds = principal.memberships
    .filter((m) => m.role === Role.ORIENTATION_MANAGER)
    .map((m) => m.territoryId)
    .filter((id): id is string => id !== null);
  if (structureIds.length === 0 && managedTerritoryIds.length === 0) throw forbidden();
  return {
    membershipIds: principal.memberships.map((m) => m.id),
    accountId: principal.accountId,
    structureIds,
    managedTerritoryIds,
  };
}

/** The view of a handover; with `party`, only if the caller is one of its parties. */
export async function loadHandover(
  manager: EntityManager,
  principal: Principal,
  handoverId: string,
  party?: PartyParams,
): Promise<HandoverView> {
  const memberships = principal.memberships.map((m) => m.id);
  const rows = party
    ? await manager.query<HandoverRow[]>(
        `${HANDOVER_SELECT}
           WHERE h.id = $5 AND (h.to_structure_id = ANY($3::uuid[])
             OR h.from_structure_id = ANY($3::uuid[]) OR h.territory_id = ANY($4::uuid[])
             OR $2 IN (h.proposed_by_account_id, h.to_account_id, h.from_referent_account_id,
                       h.new_referent_account_id))`,
        [memberships, party.accountId, party.structureIds, party.managedTerritoryIds, handoverId],
      )
    : await manager.query<HandoverRow[]>(`${HANDOVER_SELECT} WHERE h.id = $2`, [
        memberships,
        handoverId,
      ]);
  if (!rows[0]) throw forbidden();
  return handoverOf(rows[0]);
}

/** The reads of handovers: the lists of the parties, one handover, the recipients directory. */
@Injectable()
export class HandoverQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The handovers of the caller's structures, newest first, one SQL statement per page. */
  async list(
    principal: Principal,
    direction: HandoverDirection,
    status: HandoverStatus | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<HandoverView>> {
    const party = partyParams(principal);
    const incoming = direction === HandoverDirection.INCOMING;
    const params: unknown[] = [
      party.membershipIds,
      party.structureIds,
      incoming ? party.managedTerritoryIds : party.accountId,
    ];
    const where = [
      incoming
        ? `(h.to_structure_id = ANY($2::uuid[]) OR h.territory_id = ANY($3::uuid[]))`
        : `(h.from_structure_id = ANY($2::uuid[]) OR h.proposed_by_account_id = $3)`,
    ];
    if (status) {
      params.push(status);
      where.push(`h.status = $${params.length}`);
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(h.created_at, h.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<HandoverRow[]>(
      `${HANDOVER_SELECT}
       WHERE ${where.join(' AND ')}
       ORDER BY h.created_at DESC, h.id DESC
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.handover_id]);
    return { ...page, nodes: page.nodes.map(handoverOf) };
  }

  /**
   * One handover, for its parties: the proposer's and target structures (professionals and
   * admins), the named professional, the former and new referents, orientation managers.
   */
  async byId(principal: Principal, handoverId: string): Promise<HandoverView> {
    return loadHandover(this.dataSource.manager, principal, handoverId, partyParams(principal));
  }

  /**
   * The professionals of a structure whom a handover may name, or who may become the referent
   * on acceptance: for those who follow people in the structure's territory (professionals,
   * orientation managers, structure admins). Names and account ids only: a directory, no file.
   */
  async recipients(principal: Principal, structureId: string): Promise<NamedRef[]> {
    const [structure] = await this.dataSource.query<{ territory_id: string }[]>(
      'SELECT territory_id FROM structure WHERE id = $1',
      [structureId],
    );
    const follows =
      principal.kind === 'account' &&
      structure !== undefined &&
      principal.memberships.some(
        (membership) =>
          membership.territoryId === structure.territory_id &&
          (membership.role === Role.PROFESSIONAL ||
            membership.role === Role.ORIENTATION_MANAGER ||
            membership.role === Role.STRUCTURE_ADMIN),
      );
    // An unknown structure and one of another territory answer alike.
    if (!follows) throw forbidden();
    const rows = await this.dataSource.query<NamedRef[]>(
      `SELECT DISTINCT a.id, a.given_name || ' ' || a.family_name AS name, a.family_name, a.given_name
         FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.structure_id = $1 AND m.role = 'PROFESSIONAL' AND m.revoked_at IS NULL
          AND a.status = 'ACTIVE'
        ORDER BY a.family_name, a.given_name, a.id`,
      [structureId],
    );
    return rows.map(({ id, name }) => ({ id, name }));
  }
}
