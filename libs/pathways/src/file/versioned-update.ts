import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Optimistic concurrency (STYLE.md rule 6): `UPDATE ... WHERE id AND version`, the affected row
 * count checked. A stale version is a CONFLICT that tells the client to reload.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  version: number,
  changes: Partial<T>,
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (result.affected === 0) {
    throw new DomainError(
      DomainErrorCode.Conflict,
      DomainErrorReason.StaleVersion,
      'Someone changed this since you read it: reload it and apply your change again.',
      { field: 'version' },
    );
  }
}

/** The fields whose values differ, as `{ before, after }` summaries for the timeline. */
export function changedFields(
  before: Record<string, unknown>,
  changes: Record<string, unknown>,
  masked: readonly string[] = [],
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const summary = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  let changed = false;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const previous = before[field];
    if (JSON.stringify(previous ?? null) === JSON.stringify(value ?? null)) continue;
    changed = true;
    const hide = masked.includes(field);
    summary.before[field] = hide ? (previous == null ? null : '(masqué)') : (previous ?? null);
    summary.after[field] = hide ? (value == null ? null : '(masqué)') : (value ?? null);
  }
  return changed ? summary : null;
}
