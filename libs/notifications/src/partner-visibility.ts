import type { ClientPrincipal } from '@relais/identity';

/** Event families and the scope a partner needs for each, besides `events:read`. */
export const EVENT_FAMILY_SCOPES: Readonly<Record<string, string>> = {
  handover: 'handovers:read',
  orientation: 'handovers:read',
  person: 'persons:read',
  team: 'persons:read',
};

/** The event types a partner may receive at all, by prefix (`handover.`, ...). */
export function partnerEventPrefixes(client: Pick<ClientPrincipal, 'scopes'>): string[] {
  if (!client.scopes.includes('events:read')) return [];
  return Object.entries(EVENT_FAMILY_SCOPES)
    .filter(([, scope]) => client.scopes.includes(scope))
    .map(([family]) => `${family}.`);
}

export interface PartnerVisibleEvent {
  readonly type: string;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  /** Whether the person restricted processing or objected to sharing (now). */
  readonly personWithheld: boolean;
}

/**
 * Whether a partner system may receive an event (DOMAIN.md: "partner systems subscribed to the
 * territory or structure, within their scopes"; rule 8: never a person who restricted or
 * objected). Events carry ids and states only, never sensitive fields.
 */
export function partnerMaySee(
  client: Pick<ClientPrincipal, 'territoryId' | 'structureId' | 'scopes'>,
  event: PartnerVisibleEvent,
): boolean {
  if (event.territoryId !== client.territoryId || event.personWithheld) return false;
  if (client.structureId !== null && !event.structureIds.includes(client.structureId)) return false;
  return partnerEventPrefixes(client).some((prefix) => event.type.startsWith(prefix));
}

/**
 * The same rule in SQL, for feeds read from `outbox_event e` joined to `person p`:
 * $territory, $structure (or null) and $prefixes (text[]) are the client's.
 */
export function partnerEventCondition(
  territory: string,
  structure: string,
  prefixes: string,
): string {
  return `e.territory_id = ${territory}
    AND (${structure}::uuid IS NULL OR ${structure}::uuid = ANY(e.structure_ids))
    AND EXISTS (SELECT 1 FROM unnest(${prefixes}::text[]) prefix WHERE starts_with(e.type, prefix))
    AND NOT COALESCE(p.restricted OR p.objection, false)`;
}
