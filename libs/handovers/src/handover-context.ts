import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { ContractType, type OrientationType } from '@relais/pathways';
import { HANDOVER_SUMMARY_MAX_LENGTH, HandoverPreviewPart } from './handover.enums.js';

/** The proposer's summary: what the receiving structure reads before answering. */
export interface HandoverSummary {
  readonly situation?: string | null;
  readonly done?: string | null;
  readonly expected?: string | null;
}

/** The summary as stored: trimmed, blanks as null. */
export interface StoredSummary {
  readonly situation: string | null;
  readonly done: string | null;
  readonly expected: string | null;
}

const SUMMARY_FIELDS = [
  ['situation', 'summarySituation'],
  ['done', 'summaryDone'],
  ['expected', 'summaryExpected'],
] as const;

/**
 * Checks and trims the summary: each field at most `HANDOVER_SUMMARY_MAX_LENGTH` characters; the
 * error names the field. Blank fields are stored as null.
 */
export function storedSummary(summary: HandoverSummary | null | undefined): StoredSummary {
  const stored: Record<string, string | null> = {};
  for (const [key, field] of SUMMARY_FIELDS) {
    const text = summary?.[key]?.trim() ?? '';
    if (text.length > HANDOVER_SUMMARY_MAX_LENGTH) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.TextLength,
        `${field} must be at most ${HANDOVER_SUMMARY_MAX_LENGTH} characters (${text.length} given)`,
        { field, fields: [{ field, rule: 'MAX_LENGTH', limit: HANDOVER_SUMMARY_MAX_LENGTH }] },
      );
    }
    stored[key] = text || null;
  }
  return stored as unknown as StoredSummary;
}

/** The chosen parts, each once, in a fixed order; an unknown part is refused, naming it. */
export function storedPreviewParts(
  parts: readonly string[] | null | undefined,
): HandoverPreviewPart[] {
  const known = Object.values(HandoverPreviewPart) as string[];
  for (const part of parts ?? []) {
    if (!known.includes(part)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOneOf,
        `previewParts: unknown part ${JSON.stringify(part)}, expected one of ${known.join(', ')}`,
        { field: 'previewParts', fields: [{ field: 'previewParts', rule: 'ONE_OF' }] },
      );
    }
  }
  return known.filter((part) => parts?.includes(part)) as HandoverPreviewPart[];
}

/** The contracts a new referent may open on accepting (CONTRAT_ENGAGEMENT is not one). */
export const HANDOVER_CONTRACT_TYPES: readonly ContractType[] = [
  ContractType.CER,
  ContractType.PPAE,
  ContractType.CEJ,
  ContractType.PACEA,
];

/** What the new referent decides on accepting, beyond the referent. */
export interface AcceptanceContext {
  /** The orientation confirmed or changed; omitted keeps what the person has. */
  readonly orientationType?: OrientationType | null;
  /** The structure of orientation; defaults to the target structure when an orientation is set. */
  readonly orientationStructureId?: string | null;
  /** Closes the person's current contracts (end date today). */
  readonly closeCurrentContract?: boolean | null;
  /** Opens a contract starting today. */
  readonly newContractType?: ContractType | null;
  /** YYYY-MM-DD, after today; omitted for an open-ended contract. */
  readonly newContractEndsOn?: string | null;
}

/** Checks the new contract's type; its end date is checked when it is written. */
export function checkNewContractType(type: ContractType | null | undefined): void {
  if (type && !HANDOVER_CONTRACT_TYPES.includes(type)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.NotOneOf,
      `newContractType must be one of ${HANDOVER_CONTRACT_TYPES.join(', ')}`,
      { field: 'newContractType' },
    );
  }
}
