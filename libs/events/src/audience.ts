import type { EntityManager } from 'typeorm';

/** Who an event is for, in DOMAIN.md's words; resolved to accounts in the event's transaction. */
export interface AudienceSpec {
  readonly accountIds?: readonly (string | null | undefined)[];
  /** Active structure admins of these structures. */
  readonly structureAdminsOf?: readonly string[];
  /** Active orientation managers of this territory. */
  readonly orientationManagersOf?: string | null;
  /** The person's active team. */
  readonly teamOf?: string | null;
}

/** The accounts of an audience, in one statement, with active memberships only. */
export async function resolveAudience(
  manager: EntityManager,
  spec: AudienceSpec,
): Promise<string[]> {
  const rows = await manager.query<{ account_id: string }[]>(
    `SELECT DISTINCT account_id FROM (
       SELECT unnest($1::uuid[]) AS account_id
       UNION SELECT m.account_id FROM membership m
         WHERE m.revoked_at IS NULL AND m.role = 'STRUCTURE_ADMIN' AND m.structure_id = ANY($2::uuid[])
       UNION SELECT m.account_id FROM membership m
         WHERE m.revoked_at IS NULL AND m.role = 'ORIENTATION_MANAGER' AND m.territory_id = $3
       UNION SELECT tm.account_id FROM team_member tm
         WHERE tm.left_at IS NULL AND tm.person_id = $4
     ) audience WHERE account_id IS NOT NULL`,
    [
      (spec.accountIds ?? []).filter((id): id is string => !!id),
      spec.structureAdminsOf ?? [],
      spec.orientationManagersOf ?? null,
      spec.teamOf ?? null,
    ],
  );
  return rows.map((row) => row.account_id);
}
