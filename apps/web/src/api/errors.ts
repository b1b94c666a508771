import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { messageFor, UNSHOWN_FIELD_MESSAGE } from '../forms/field-check';

/** What went wrong, for a person: in French, naming the field when the server named one. */
export interface ProblemText {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** The French names of input fields, as the server names them (`input.reason` → `reason`). */
export type FieldLabels = Readonly<Record<string, string>>;

const MESSAGES: Record<string, string> = {
  BAD_USER_INPUT: 'Certaines informations saisies ne sont pas valides.',
  UNAUTHENTICATED: 'Votre session a pris fin : identifiez-vous à nouveau.',
  FORBIDDEN: 'Vous n’avez pas accès à cette information ou à cette action.',
  NOT_FOUND: 'Cet élément est introuvable : il a peut-être été supprimé.',
  CONFLICT:
    'Quelqu’un a modifié ces informations pendant que vous les consultiez. Rechargez pour voir la dernière version.',
  SERVICE_UNAVAILABLE: 'Relais est momentanément indisponible. Réessayez dans un instant.',
  NETWORK: 'Impossible de joindre Relais : vérifiez votre connexion, puis réessayez.',
  INTERNAL: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, signalez-la.',
};

export function codeOf(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    return typeof code === 'string' && code in MESSAGES ? code : 'INTERNAL';
  }
  if (ServerError.is(error)) return error.statusCode >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  if (error instanceof TypeError) return 'NETWORK';
  return 'INTERNAL';
}

export function isConflict(error: unknown): boolean {
  return codeOf(error) === 'CONFLICT';
}

export function isForbidden(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}

/**
 * Why the server refused (`extensions.reason`: FILE_ARCHIVED, PROCESSING_RESTRICTED, ...), a
 * stable name to tell apart two refusals of one code. The message is English for developers and
 * may be reworded: the client never reads it (a lint rule forbids matching on it).
 */
export function reasonOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const reason = error.errors[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** One failing input field, as the server lists them all in `extensions.fields`. */
export interface FieldProblem {
  readonly field: string;
  readonly rule: string;
  readonly limit?: number;
}

/** Every failing input field the server listed (`input.` dropped from their names). */
export function fieldsOf(error: unknown): FieldProblem[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const fields = error.errors[0]?.extensions?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((entry: unknown) => {
    if (!entry || typeof entry !== 'object') return [];
    const { field, rule, limit } = entry as Record<string, unknown>;
    if (typeof field !== 'string' || typeof rule !== 'string') return [];
    const name = field.replace(/^input\./, '');
    return [typeof limit === 'number' ? { field: name, rule, limit } : { field: name, rule }];
  });
}

/** The field the server named (`input.reason` → `reason`), if any. */
export function fieldOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors[0]?.extensions?.field;
  return typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
}

export function describeError(error: unknown, labels: FieldLabels = {}): ProblemText {
  const code = codeOf(error);
  const fields = fieldsOf(error);
  const single = fieldOf(error);
  const problems = fields.length || !single ? fields : [{ field: single, rule: 'INVALID' }];
  if (code === 'BAD_USER_INPUT' && problems.length > 0) {
    // Each field the form shows by its label, with the rule and its limit; a field it does not
    // show is never named (the server's name for it means nothing to the person).
    const sentences = [
      ...new Set(
        problems.map((problem) => {
          const label = labels[problem.field];
          return label ? `« ${label} » : ${messageFor(problem)}` : UNSHOWN_FIELD_MESSAGE;
        }),
      ),
    ];
    return { code, field: problems[0]?.field, message: sentences.join(' ') };
  }
  return { code, message: MESSAGES[code] ?? MESSAGES.INTERNAL };
}
