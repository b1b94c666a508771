/** Who made a change: a caseworker (with their structure), a partner system, or Relais itself. */
export interface TimelineActorView {
  readonly name: string;
  readonly structureName: string | null;
  readonly partnerSystem: boolean;
}

/**
 * One change of a file as one viewer reads it: a sensitive change's summary is redacted for a
 * viewer not entitled to sensitive data (DOMAIN.md rule 2), its occurrence is not.
 */
export interface TimelineEventView {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly actor: TimelineActorView;
  readonly actingMembershipId: string | null;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly sensitive: boolean;
  readonly redacted: boolean;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  /** This event's position, as an `after` cursor. */
  readonly cursor: string;
}
