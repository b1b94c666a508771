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
