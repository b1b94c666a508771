import type { OrientationType, PersonSummaryView } from '@relais/pathways';
import type { AcceptanceContext } from './handover-context.js';
import type {
  HandoverPreviewPart,
  HandoverStatus,
  OrientationRequestStatus,
} from './handover.enums.js';

/** Which side of a handover the caller's structures are on. */
export enum HandoverDirection {
  /** Addressed to one of the caller's structures (or, for an orientation manager, to their territory). */
  INCOMING = 'INCOMING',
  /** From one of the caller's structures, or proposed by the caller. */
  OUTGOING = 'OUTGOING',
}

export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

/** A handover as its parties see it: the person's minimal view, the structures, the people. */
export interface HandoverView {
  readonly id: string;
  readonly person: PersonSummaryView;
  readonly territoryId: string;
  readonly status: HandoverStatus;
  readonly fromStructure: NamedRef | null;
  readonly fromReferent: NamedRef | null;
  readonly toStructure: NamedRef;
  /** The professional proposed as new referent, if named. */
  readonly toAccount: NamedRef | null;
  readonly proposedBy: NamedRef;
  /** Visible to the parties only: the proposer's and target structures, orientation managers. */
  readonly reason: string;
  /** The proposer's summary, visible to the parties like the reason. */
  readonly summary: StoredSummaryView;
  readonly previewParts: readonly HandoverPreviewPart[];
  readonly personInformed: boolean;
  readonly orientationRequestId: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly decidedAt: Date | null;
  readonly decidedBy: NamedRef | null;
  readonly declineReason: string | null;
  readonly newReferent: NamedRef | null;
  /** This handover's position in a list, as an `after` cursor. */
  readonly cursor: string;
}

export interface OrientationRequestView {
  readonly id: string;
  readonly person: PersonSummaryView;
  readonly territoryId: string;
  readonly requestedBy: NamedRef;
  /** The structure the referent asked from. */
  readonly requesterStructure: NamedRef | null;
  readonly orientationType: OrientationType;
  readonly reason: string;
  readonly status: OrientationRequestStatus;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly targetStructure: NamedRef | null;
  /** The handover an accepted request started. */
  readonly handoverId: string | null;
  readonly cursor: string;
}

export interface ProposeHandover {
  readonly personId: string;
  readonly toStructureId: string;
  readonly toAccountId?: string | null;
  readonly reason: string;
  readonly personInformed: boolean;
  /** The proposer's summary for the receiving structure, each at most 2000 characters. */
  readonly summarySituation?: string | null;
  readonly summaryDone?: string | null;
  readonly summaryExpected?: string | null;
  /** The parts of the file the target structure may preview while the handover is proposed. */
  readonly previewParts?: readonly string[] | null;
}

export interface AcceptHandover extends AcceptanceContext {
  /** Defaults to the named professional; required when none was named. */
  readonly newReferentAccountId?: string | null;
  /** The former referent stays in the team as a follower, instead of 30 days of reading. */
  readonly formerReferentStaysAsFollower?: boolean | null;
  /** The person agreed to the new referent: required when they objected to sharing (RGPD). */
  readonly personAgreed?: boolean | null;
}

export interface DecideOrientation {
  readonly accept: boolean;
  readonly targetStructureId?: string | null;
  readonly referentAccountId?: string | null;
  readonly reason?: string | null;
}

export interface StoredSummaryView {
  readonly situation: string | null;
  readonly done: string | null;
  readonly expected: string | null;
}
