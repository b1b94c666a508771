/**
 * Why a person is not concerned by the pathway, as the purge records it: a code, never a free
 * text, so the record of the purge holds no personal data.
 */
export enum NotConcernedReason {
  /** Not subject to the RSA's rights and duties, nor otherwise followed (pas concerné·e). */
  NOT_IN_SCOPE = 'NOT_IN_SCOPE',
  /** The file was created by mistake (wrong person, test). */
  CREATED_IN_ERROR = 'CREATED_IN_ERROR',
  /** Another file of the territory follows this person. */
  DUPLICATE = 'DUPLICATE',
}
