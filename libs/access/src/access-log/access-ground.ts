/** Why a caller could open a full file: the ground each access-log row records. */
export enum AccessGround {
  /** An active member of the person's team (referent or follower). */
  TEAM_MEMBER = 'TEAM_MEMBER',
  /** The referent before a handover, reading for 30 days. */
  FORMER_REFERENT = 'FORMER_REFERENT',
  /** The territory-wide read of an orientation manager (DOMAIN.md rule 1's exception). */
  ORIENTATION_MANAGER = 'ORIENTATION_MANAGER',
  /** A partner system with the `persons:read` scope. */
  PARTNER_CLIENT = 'PARTNER_CLIENT',
  /**
   * The person's referent exporting the whole file for them (RGPD right of access, decision
   * 0013): an export takes the file out of Relais, so the log says so, not just "team member".
   */
  RGPD_EXPORT = 'RGPD_EXPORT',
  /**
   * A professional of a handover's target structure reading the parts of the file its proposer
   * chose to show before they accept (issue 19): not the whole file, and logged as such.
   */
  HANDOVER_PREVIEW = 'HANDOVER_PREVIEW',
  /**
   * The caseload exported as a CSV file (issue 19): one row per person listed, since the list
   * leaves Relais with their names; the caller is in each one's team.
   */
  CASELOAD_EXPORT = 'CASELOAD_EXPORT',
  /**
   * The person reading their own file from their personal space (issue 22): no account, no
   * membership, no client on the row. Not a professional's read: the access-log views say so.
   */
  SELF = 'SELF',
}
