// The checks a form runs before sending, and the French sentence of each broken rule, whether the
// form found it or the server did (`extensions.fields`): one sentence per rule, so both say the
// same. The rules come from the API's own (libs/core's input rules, loaded by relative path).
import {
  DATE_WINDOWS,
  type DateKind,
  INPUT_RULES,
  type InputFieldRule,
  type InputName,
  type InputRules,
  isWithinDateWindow,
  parseCalendarDate,
  TEXT_FORMATS,
  TEXT_MAX,
  type TextFormat,
} from '../../../../libs/core/src/validation/input-rules.js';

export { INPUT_RULES, type InputFieldRule, type InputName, type InputRules, TEXT_MAX };

/** One field that breaks a rule: the rule's name as the server names it, its limit, the length typed. */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly limit?: number;
  readonly length?: number;
}

/** The value of a field as a form holds it. */
export type FieldValue = string | number | boolean | null | undefined | readonly unknown[];

/** A number said the French way (5 000, with a narrow no-break space). */
export function frenchNumber(value: number): string {
  return value.toLocaleString('fr-FR');
}

/** The characters a text holds, as the server counts them (UTF-16 code units, as class-validator). */
function lengthOf(value: FieldValue): number | undefined {
  return typeof value === 'string' ? value.length : undefined;
}

/** Nothing typed or chosen (a box that must be ticked is empty unticked). */
function isEmpty(value: FieldValue): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && !value.trim())
  );
}

/** A date field's value: a calendar date (YYYY-MM-DD) or a local date and time. */
function dateOf(value: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return parseCalendarDate(value);
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time;
}

/** The first rule a filled field breaks, if any. */
function checkField(field: string, rule: InputFieldRule, value: FieldValue, now: number) {
  const length = lengthOf(value);
  const counted = length === undefined ? {} : { length };
  if (rule.maxLength !== undefined && length !== undefined && length > rule.maxLength) {
    return { field, rule: 'MAX_LENGTH', limit: rule.maxLength, ...counted };
  }
  if (rule.minLength !== undefined && length !== undefined && length < rule.minLength) {
    return { field, rule: 'MIN_LENGTH', limit: rule.minLength, ...counted };
  }
  if (typeof value === 'number' && rule.min !== undefined && value < rule.min) {
    return { field, rule: 'MIN', limit: rule.min };
  }
  if (typeof value === 'number' && rule.max !== undefined && value > rule.max) {
    return { field, rule: 'MAX', limit: rule.max };
  }
  if (typeof value !== 'string') return undefined;
  if (rule.format && !TEXT_FORMATS[rule.format].test(value)) return { field, rule: 'FORMAT' };
  if (rule.date) {
    const date = dateOf(value);
    if (!date || !isWithinDateWindow(date, rule.date, now)) return { field, rule: 'FORMAT' };
  }
  return undefined;
}

/**
 * Every field of `values` that breaks its rule, in the order of `values` (the form's order). Only
 * the fields the form passes are checked: a rule for a field the form does not show is not its
 * business. Empty optional fields are not checked further.
 */
export function checkFields(
  values: Readonly<Record<string, FieldValue>>,
  rules: InputRules,
  now = Date.now(),
): FieldError[] {
  return Object.entries(values).flatMap(([field, value]) => {
    const rule = rules[field];
    if (!rule) return [];
    if (isEmpty(value)) return rule.required ? [{ field, rule: 'REQUIRED' }] : [];
    const found = checkField(field, rule, value, now);
    return found ? [found] : [];
  });
}

const FORMAT_MESSAGES: Readonly<Record<TextFormat, string>> = {
  phone: 'Saisissez un numéro de téléphone français, par exemple 06 12 34 56 78.',
  postalCode: 'Le code postal compte 5 chiffres, par exemple 44000.',
  birthplace:
    'Le code INSEE de la commune compte 5 caractères, par exemple 44109 pour Nantes (2A ou 2B au début en Corse). Ce n’est pas le code postal.',
  birthCountry: 'Le code INSEE du pays commence par 99, par exemple 99100 pour la France.',
  cafNumber: 'Le numéro d’allocataire CAF compte 7 chiffres.',
  franceTravailId:
    'L’identifiant France Travail compte 7 chiffres suivis d’une lettre ou d’un chiffre.',
  siret: 'Le SIRET compte 14 chiffres.',
  romeCode: 'Le code ROME est une lettre suivie de 4 chiffres, par exemple K1302.',
  territoryCode:
    'Le code du département compte 2 chiffres (2A ou 2B pour la Corse, 971 à 976 outre-mer).',
  email: 'Saisissez une adresse électronique complète, par exemple nom@exemple.fr.',
  notBlank: 'Ce champ est obligatoire.',
  webhookUrl:
    'Saisissez une adresse https:// joignable sur Internet (pas du réseau interne), sans identifiant, mot de passe ni #, par exemple https://partenaire.example/relais/evenements.',
};

/** What each kind of date accepts, in words (the windows of libs/core's DATE_WINDOWS). */
export function dateRuleMessage(kind: DateKind): string {
  const window: { yearsBefore?: number; fromYear?: number; yearsAfter: number } =
    DATE_WINDOWS[kind];
  if (kind === 'birth') {
    return `La date de naissance ne peut être ni dans le futur ni remonter à plus de ${window.yearsBefore} ans.`;
  }
  if (window.fromYear !== undefined) {
    return `La date doit être comprise entre le 1er janvier ${window.fromYear} et les ${window.yearsAfter} prochaines années.`;
  }
  return `La date doit être dans les ${window.yearsBefore} dernières années ou les ${window.yearsAfter} prochaines.`;
}

function characters(count: number): string {
  return count > 1 ? `${frenchNumber(count)} caractères` : `${count} caractère`;
}

/**
 * The sentence of one broken rule, for the field it names: the rule and its limit ("Au plus 200
 * caractères (234 saisis)."). `hint` says a rule only the server knows (a NIR's key, ...).
 */
export function messageFor(error: FieldError, rule: InputFieldRule = {}, hint?: string): string {
  const limit = error.limit ?? 0;
  const typed =
    error.length === undefined
      ? ''
      : ` (${frenchNumber(error.length)} ${error.length > 1 ? 'saisis' : 'saisi'})`;
  switch (error.rule) {
    case 'REQUIRED':
      return hint ?? 'Ce champ est obligatoire.';
    case 'MAX_LENGTH':
      return `Au plus ${characters(limit)}${typed}.`;
    case 'MIN_LENGTH':
      return limit <= 1 || error.length === 0
        ? 'Ce champ est obligatoire.'
        : `Au moins ${characters(limit)}${typed}.`;
    case 'MIN':
      return `La valeur doit être au moins ${frenchNumber(limit)}.`;
    case 'MAX':
      return `La valeur doit être au plus ${frenchNumber(limit)}.`;
    case 'MAX_ITEMS':
      return `Au plus ${frenchNumber(limit)} choix.`;
    case 'ONE_OF':
      return hint ?? 'Choisissez une des options proposées.';
    case 'NUL_CHARACTER':
      return 'Ce texte contient un caractère invisible non autorisé : retirez-le.';
    case 'FORMAT':
      // The form's own words first: they also say what only the server checks (a key).
      if (hint) return hint;
      if (rule.date) return dateRuleMessage(rule.date);
      if (rule.format) return FORMAT_MESSAGES[rule.format];
      return 'Le format de cette valeur n’est pas celui attendu.';
    default:
      return hint ?? 'Cette valeur n’est pas acceptée.';
  }
}

/** The server's refusals of fields, with the length typed (the server does not send it back). */
export function withLengths(
  errors: readonly FieldError[],
  values: Readonly<Record<string, FieldValue>>,
): FieldError[] {
  return errors.map((error) => {
    const length = lengthOf(values[error.field]);
    return length === undefined || error.length !== undefined ? error : { ...error, length };
  });
}

/** What a refusal of a field the form does not show says: never the server's name for it. */
export const UNSHOWN_FIELD_MESSAGE =
  'Relais a refusé une information que ce formulaire ne montre pas : rechargez la page, puis réessayez. Si le problème persiste, signalez-le.';
