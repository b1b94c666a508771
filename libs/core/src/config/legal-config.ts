import { z } from 'zod';

/**
 * Who answers for a deployment, as the legal pages of a State site must say (mentions légales,
 * données personnelles, déclaration d'accessibilité). Each deploying département fills them in;
 * they are public by nature, never secrets, and shown to anyone, signed in or not.
 */
const legalText = z
  .string()
  .trim()
  .max(500, { message: 'expected at most 500 characters' })
  .refine((value) => !/[<>]/.test(value), { message: 'expected plain text, without < or >' });

/** The variables, merged into the API's environment schema. */
export const LEGAL_ENVIRONMENT = {
  LEGAL_EDITOR: legalText.optional(),
  LEGAL_PUBLICATION_DIRECTOR: legalText.optional(),
  LEGAL_HOST: legalText.optional(),
  LEGAL_DPO_CONTACT: legalText.optional(),
  LEGAL_ACCESSIBILITY_CONTACT: legalText.optional(),
};

export interface LegalNotice {
  /** The département that edits the service and controls the processing: name and address. */
  readonly editor: string | undefined;
  /** The director of publication (usually the president of the conseil départemental). */
  readonly publicationDirector: string | undefined;
  /** The host: name, address and telephone. */
  readonly host: string | undefined;
  /** How to reach the data protection officer (an address, postal or electronic). */
  readonly dpoContact: string | undefined;
  /** Where to report an accessibility problem (an address, a form). */
  readonly accessibilityContact: string | undefined;
}

type LegalValues = { readonly [K in keyof typeof LEGAL_ENVIRONMENT]?: string };

export function legalNoticeFrom(value: LegalValues): LegalNotice {
  return {
    editor: value.LEGAL_EDITOR,
    publicationDirector: value.LEGAL_PUBLICATION_DIRECTOR,
    host: value.LEGAL_HOST,
    dpoContact: value.LEGAL_DPO_CONTACT,
    accessibilityContact: value.LEGAL_ACCESSIBILITY_CONTACT,
  };
}

const VARIABLE_OF: Readonly<Record<keyof LegalNotice, keyof typeof LEGAL_ENVIRONMENT>> = {
  editor: 'LEGAL_EDITOR',
  publicationDirector: 'LEGAL_PUBLICATION_DIRECTOR',
  host: 'LEGAL_HOST',
  dpoContact: 'LEGAL_DPO_CONTACT',
  accessibilityContact: 'LEGAL_ACCESSIBILITY_CONTACT',
};

/**
 * The legal variables left unset. Production warns about them at start but still starts: a
 * missing line on a legal page must not keep caseworkers from their files.
 */
export function missingLegalVariables(notice: LegalNotice): string[] {
  return (Object.keys(VARIABLE_OF) as (keyof LegalNotice)[])
    .filter((key) => notice[key] === undefined)
    .map((key) => VARIABLE_OF[key]);
}
