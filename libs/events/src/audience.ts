/**
 * Who an event is for, in DOMAIN.md's words; the writer resolves it to accounts in the event's
 * transaction with pathways' `resolveAudience` (memberships and teams are not this lib's tables).
 */
export interface AudienceSpec {
  readonly accountIds?: readonly (string | null | undefined)[];
  /** Active structure admins of these structures. */
  readonly structureAdminsOf?: readonly string[];
  /** Active orientation managers of this territory. */
  readonly orientationManagersOf?: string | null;
  /** The person's active team. */
  readonly teamOf?: string | null;
}
