import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

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
  UNAUTHENTICATED: 'Votre session a pris fin : identifiez-vous à nouveau.',
  FORBIDDEN: 'Vous n’avez pas accès à cette information ou à cette action.',
  NOT_FOUND: 'Cet élément est introuvable : il a peut-être été supprimé.',
  CONFLICT:
    'Quelqu’un a modifié ces informations pendant que vous les consultiez. Rechargez pour voir la dernière version.',
  SERVICE_UNAVAILABLE: 'Relais est momentanément indisponible. Réessayez dans un instant.',
  NETWORK: 'Impossible de joindre Relais : vérifiez votre connexion, puis réessayez.',
  INTERNAL: 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, signalez-la.',
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

/** The field the server named (`input.reason` → `reason`), if any. */
export function fieldOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors[0]?.extensions?.field;
  return typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
}

export function describeError(error: unknown, labels: FieldLabels = {}): ProblemText {
  const code = codeOf(error);
  const field = fieldOf(error);
  if (code === 'BAD_USER_INPUT' && field) {
    const label = labels[field] ?? field;
    return { code, field, message: `Le champ « ${label} » n’est pas valide : vérifiez-le.` };
  }
  return { code, message: MESSAGES[code] ?? MESSAGES.INTERNAL };
}
