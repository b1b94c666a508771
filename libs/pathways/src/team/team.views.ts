import type { StructureType } from '@relais/organizations';
import type { JoinRequestStatus, TeamLeaveReason, TeamRole } from '../pathway.enums.js';
import type { PersonSummaryView } from '../people/person.views.js';

export interface TeamMemberView {
  readonly id: string;
  readonly accountId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly structureId: string;
  readonly structureName: string;
  readonly structureType: StructureType;
  readonly role: TeamRole;
  readonly joinedAt: Date;
  readonly joinReason: string | null;
  readonly leftAt: Date | null;
  readonly leftReason: TeamLeaveReason | null;
  /** The member's professional contact (their account's email and work phone), for the file. */
  readonly workEmail?: string;
  readonly workPhone?: string | null;
}

export interface JoinRequestView {
  readonly id: string;
  readonly person: PersonSummaryView;
  readonly requesterAccountId: string;
  readonly requesterName: string;
  readonly structureId: string;
  readonly structureName: string;
  readonly reason: string;
  readonly status: JoinRequestStatus;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
}
