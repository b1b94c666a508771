import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react';
import { codeOf, fieldOf, fieldsOf } from '../api/errors';
import {
  checkFields,
  type FieldError,
  type FieldValue,
  frenchNumber,
  type InputRules,
  messageFor,
  UNSHOWN_FIELD_MESSAGE,
  withLengths,
} from './field-check';

/** One error as the form shows it: under its field (when the form has it) and in the summary. */
export interface ShownError {
  readonly field?: string;
  readonly label?: string;
  readonly message: string;
}

export interface FieldErrorsOptions {
  /** The input's rules (INPUT_RULES.<InputName>), the same the API applies. */
  readonly rules: InputRules;
  /** The French label of each field the form shows, by the API's name for it. */
  readonly labels: Readonly<Record<string, string>>;
  /** Prefix of the fields' ids (`<prefix>-<field>`), unique on the page. */
  readonly idPrefix: string;
  /** What to say of a rule only the server knows, by field (a NIR's key, ...). */
  readonly hints?: Readonly<Record<string, string>>;
  /** The id of a field whose input the design system names itself (a checkbox's `<id>-0`). */
  readonly ids?: Readonly<Record<string, string>>;
}

/** The DSFR props of one field: its error state and message, and its id. */
export interface FieldProps {
  readonly state?: 'error';
  readonly stateRelatedMessage?: string;
}

export interface NativeFieldProps {
  readonly id: string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

/** Long texts (500 characters or more) always count; short ones once 80 % of the limit is typed. */
export const LONG_TEXT = 500;

function showsCounter(max: number | undefined, value: string | undefined): boolean {
  if (max === undefined) return false;
  return max >= LONG_TEXT || (value !== undefined && value.length >= max * 0.8);
}

function headingOf(count: number): string {
  return count === 1
    ? 'Le formulaire contient une erreur'
    : `Le formulaire contient ${frenchNumber(count)} erreurs`;
}

/**
 * The errors of a form: every failing field at once, under the field (DSFR error state,
 * aria-invalid, the message linked by aria-describedby) and in a summary at the top that takes
 * the focus, each entry a link to its field. `check` runs the API's rules before sending;
 * `refused` shows the server's refusal of fields (`extensions.fields`) the same way.
 */
export function useFieldErrors({
  rules,
  labels,
  idPrefix,
  hints = {},
  ids = {},
}: FieldErrorsOptions) {
  const [errors, setErrors] = useState<readonly ShownError[]>([]);
  const [shownAt, setShownAt] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shownAt) summaryRef.current?.focus();
  }, [shownAt]);

  const fieldId = (field: string) => ids[field] ?? `${idPrefix}-${field}`;

  function show(found: readonly FieldError[]): boolean {
    const seen = new Set<string>();
    const shown = found.flatMap((error): ShownError[] => {
      const label = labels[error.field];
      // A field the form does not have is never named: said once, in plain words.
      const key = label ? error.field : '';
      if (seen.has(key)) return [];
      seen.add(key);
      if (!label) return [{ message: UNSHOWN_FIELD_MESSAGE }];
      const message = messageFor(error, rules[error.field], hints[error.field]);
      return [{ field: error.field, label, message }];
    });
    setErrors(shown);
    if (shown.length) setShownAt((n) => n + 1);
    return shown.length > 0;
  }

  /** Checks the values against the rules; true when the form may be sent. */
  function check(values: Readonly<Record<string, FieldValue>>): boolean {
    return !show(checkFields(values, rules));
  }

  /** Shows the server's refusal of fields; true when it was one (else the caller says it). */
  function refused(error: unknown, values: Readonly<Record<string, FieldValue>>): boolean {
    // A refusal naming one field (`extensions.field`) without the list reads as one entry.
    const single = fieldOf(error);
    const listed = fieldsOf(error);
    const fields = listed.length || !single ? listed : [{ field: single, rule: 'INVALID' }];
    if (codeOf(error) !== 'BAD_USER_INPUT' || fields.length === 0) return false;
    return show(withLengths(fields, values));
  }

  const errorOf = (field: string) => errors.find((error) => error.field === field);

  return {
    errors,
    fieldId,
    check,
    refused,
    clear: () => setErrors([]),
    /** DSFR Input/Select props: the error state and its message. */
    state(field: string): FieldProps {
      const error = errorOf(field);
      return error ? { state: 'error', stateRelatedMessage: error.message } : {};
    },
    /** The native input's id, aria-invalid, and its character counter's id when it shows one. */
    native(field: string, value?: string): NativeFieldProps {
      const counted = showsCounter(rules[field]?.maxLength, value);
      return {
        id: fieldId(field),
        ...(errorOf(field) ? { 'aria-invalid': true } : {}),
        ...(counted ? { 'aria-describedby': `${fieldId(field)}-compteur` } : {}),
      };
    },
    /** The character counter of a bounded text field (see showsCounter). */
    counter(field: string, value: string): ReactNode {
      const max = rules[field]?.maxLength;
      return max === undefined || !showsCounter(max, value) ? null : (
        <CharacterCount id={`${fieldId(field)}-compteur`} length={value.length} max={max} />
      );
    },
    summary: <ErrorSummary ref={summaryRef} errors={errors} fieldId={fieldId} />,
  };
}

export type FieldErrors = ReturnType<typeof useFieldErrors>;

/** The DSFR error summary: a heading, then each error as a link that moves to its field. */
function ErrorSummary({
  ref,
  errors,
  fieldId,
}: {
  ref: Ref<HTMLDivElement>;
  errors: readonly ShownError[];
  fieldId: (field: string) => string;
}) {
  return (
    <div ref={ref} tabIndex={-1} className="relais-error-summary">
      {errors.length > 0 && (
        <Alert
          severity="error"
          small={false}
          // Not an alert of its own: it takes the focus, which says it.
          role={undefined}
          as="h3"
          className="fr-mb-3w"
          title={headingOf(errors.length)}
          description={
            <ul>
              {errors.map((error) => (
                <li key={error.field ?? ''}>
                  {error.field ? (
                    <a
                      href={`#${fieldId(error.field)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(fieldId(error.field ?? ''))?.focus();
                      }}
                    >
                      {error.label} : {error.message}
                    </a>
                  ) : (
                    error.message
                  )}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

/**
 * "123 / 2 000 caractères" under a bounded text: it counts past the limit instead of cutting the
 * text. Screen readers hear the count once typing pauses, not at every key.
 */
export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const over = length > max;
  const text = `${frenchNumber(length)} / ${frenchNumber(max)} caractères${
    over ? ` : ${frenchNumber(length - max)} de trop` : ''
  }`;
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(text), 1000);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <>
      <p id={id} className={`fr-hint-text relais-counter${over ? ' fr-error-text' : ''}`}>
        {text}
      </p>
      <p className="fr-sr-only" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}
