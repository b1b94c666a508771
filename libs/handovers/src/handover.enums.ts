import { TEXT_MAX } from '@relais/core';

/** DOMAIN.md, handover states. */
export enum HandoverStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}

export enum OrientationRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DENIED = 'DENIED',
}

/** A proposal not answered in this many days expires. */
export const HANDOVER_EXPIRY_DAYS = 15;

/** The parts of a file a handover's proposer may let the target structure preview. */
export enum HandoverPreviewPart {
  /** The professional project: target job, ROME code, mobility, contracts sought. */
  PROJECT = 'PROJECT',
  /** Goals and actions, without the actions serving a sensitive obstacle. */
  PLAN = 'PLAN',
  /** The contracts (CER, PPAE, CEJ, PACEA...) and their dates. */
  CONTRACT = 'CONTRACT',
  /** The obstacles whose theme is not sensitive (never health, disability, justice). */
  OBSTACLES = 'OBSTACLES',
}

/** The summary's fields, each at most this many characters. */
export const HANDOVER_SUMMARY_MAX_LENGTH = TEXT_MAX.handoverSummary;
