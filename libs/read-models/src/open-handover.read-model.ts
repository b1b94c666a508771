// Serves the summary band of a file (Person.openHandover): the handover open for the person, if
// any, read with the other parts of the file in the file's one statement.
import { Injectable } from '@nestjs/common';
import type { FileScope } from '@relais/access';
import { Role } from '@relais/identity';
import { FilePartsReader } from '@relais/pathways';

/** The open handover of a file, as its summary band shows it. */
export interface OpenHandoverView {
  readonly id: string;
  readonly toStructureId: string;
  readonly toStructureName: string;
  /** The professional named as the new referent, if any. */
  readonly toAccountName: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /**
   * The viewer is one of its parties (proposing or target structure, named people, orientation
   * managers of the territory) and may open the handover's page.
   */
  readonly canOpen: boolean;
}

interface OpenHandoverRow {
  id: string;
  to_structure_id: string;
  to_structure_name: string;
  to_account_name: string | null;
  created_at: string;
  expires_at: string;
  can_open: boolean;
}

/** The one open (PROPOSED) handover of a file; none for a partner system. */
@Injectable()
export class OpenHandoverReadModel {
  constructor(private readonly parts: FilePartsReader) {}

  async openHandover(scope: FileScope): Promise<OpenHandoverView | null> {
    const { viewer } = scope;
    if (viewer.principal.kind !== 'account') return null;
    const memberships = viewer.principal.memberships;
    const structureIds = memberships
      .filter((m) => m.role === Role.PROFESSIONAL || m.role === Role.STRUCTURE_ADMIN)
      .flatMap((m) => (m.structureId ? [m.structureId] : []));
    const managedTerritoryIds = memberships
      .filter((m) => m.role === Role.ORIENTATION_MANAGER)
      .flatMap((m) => (m.territoryId ? [m.territoryId] : []));
    const rows = await this.parts.read(scope, {
      key: 'openHandover',
      sql: `SELECT h.id, h.to_structure_id, s.name AS to_structure_name,
         CASE WHEN a.id IS NULL THEN NULL ELSE a.given_name || ' ' || a.family_name END
           AS to_account_name,
         h.created_at, h.expires_at,
         (h.to_structure_id = ANY($2::uuid[]) OR h.from_structure_id = ANY($2::uuid[])
           OR h.territory_id = ANY($3::uuid[])
           OR $4::uuid IN (h.proposed_by_account_id, h.to_account_id, h.from_referent_account_id))
           AS can_open
       FROM handover h
       JOIN structure s ON s.id = h.to_structure_id
       LEFT JOIN account a ON a.id = h.to_account_id
       WHERE h.person_id = $1 AND h.status = 'PROPOSED'`,
      params: [viewer.personId, structureIds, managedTerritoryIds, viewer.principal.accountId],
      order: 'r.created_at',
      decode: (rows) => rows as unknown as OpenHandoverRow[],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      toStructureId: row.to_structure_id,
      toStructureName: row.to_structure_name,
      toAccountName: row.to_account_name,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
      canOpen: row.can_open,
    };
  }
}
