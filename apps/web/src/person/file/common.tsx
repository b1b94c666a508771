import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { type FieldLabels, isForbidden } from '../../api/errors';
import { FormActions } from '../../components/FormActions';
import { MutationError } from '../../components/PageState';
import { type FieldValue } from '../../forms/field-check';
import { type FieldErrors } from '../../forms/useFieldErrors';

/** What a caseworker not entitled to sensitive data reads instead of it: never a blank. */
export const PROTECTED_TEXT =
  'Information protégée : réservée au référent et aux structures habilitées';

export function Redacted({ children = PROTECTED_TEXT }: { children?: ReactNode }) {
  return (
    <span className="relais-redacted">
      <span className="fr-icon-lock-line fr-icon--sm fr-mr-1v" aria-hidden="true" />
      {children}
    </span>
  );
}

/**
 * A "term: value" pair of a description list laid out on the grid
 * (`<dl className="fr-grid-row fr-grid-row--gutters">`); an empty value is said, not left blank.
 */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="fr-col-12 fr-col-sm-6 fr-col-lg-4">
      <dt className="fr-text--bold">{label}</dt>
      <dd className="fr-ml-0">
        {empty ? <span className="relais-redacted">Non renseigné</span> : children}
      </dd>
    </div>
  );
}

/**
 * The confirmation after a change: a status message that takes the focus (the form that had it
 * has closed), so it is said at once. `show` sets it; it stays until the next one.
 */
export function useConfirmation(): [ReactNode, (message: string | undefined) => void] {
  const [message, setMessage] = useState<string>();
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) statusRef.current?.focus();
  }, [message]);
  const node = (
    <div role="status" ref={statusRef} tabIndex={-1}>
      {message && (
        <Alert
          severity="success"
          small
          role={undefined}
          className="fr-mb-2w"
          description={message}
          closable
          onClose={() => setMessage(undefined)}
        />
      )}
    </div>
  );
  return [node, setMessage];
}

/**
 * After a failed change: each field the API refused is shown under it when the form gives its
 * `fieldErrors` and `values`; a refused access may mean the file was withdrawn from you, so the
 * file is read again (the page then says so instead of showing it).
 */
export function afterFailure(
  error: unknown,
  reload: () => Promise<unknown>,
  fieldErrors?: FieldErrors,
  values: Readonly<Record<string, FieldValue>> = {},
): void {
  fieldErrors?.refused(error, values);
  if (isForbidden(error)) void reload();
}

/**
 * The reload a form offers after a conflict: the file is read again, then the form is remounted
 * (its `key` changes) so that it starts from the latest version.
 */
export function useFormReload(
  reload: () => Promise<unknown>,
): [formKey: number, reloadForm: () => Promise<void>] {
  const [formKey, setFormKey] = useState(0);
  const reloadForm = async () => {
    await reload();
    setFormKey((k) => k + 1);
  };
  return [formKey, reloadForm];
}

/**
 * A form of the file, on a grey panel: its heading (h3 within a section, h4 within a part of
 * one), the error of its last submission, its fields, then save and cancel. It opens with the
 * focus on its first field; `fieldErrors` (useFieldErrors) shows every failing field, summed up
 * at the top, and leaves the other refusals to the alert.
 */
export function SectionForm({
  titleId,
  title,
  heading = 'h3',
  className = 'fr-p-3w fr-background-alt--grey',
  onSubmit,
  error,
  labels,
  onReload,
  submitLabel,
  onCancel,
  busy,
  fieldErrors,
  children,
}: {
  titleId: string;
  title: ReactNode;
  heading?: 'h3' | 'h4';
  className?: string;
  onSubmit: (event: FormEvent) => void;
  error: unknown;
  labels?: FieldLabels;
  onReload: () => void;
  submitLabel: ReactNode;
  onCancel: () => void;
  busy: boolean;
  fieldErrors?: FieldErrors;
  children: ReactNode;
}) {
  const Heading = heading;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);
  const shownAsFields = fieldErrors && fieldErrors.errors.length > 0;
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      className={className}
      aria-labelledby={titleId}
      noValidate
    >
      <Heading id={titleId} className={heading === 'h3' ? 'fr-h5' : 'fr-h6'}>
        {title}
      </Heading>
      {fieldErrors?.summary}
      <MutationError
        error={shownAsFields ? undefined : error}
        labels={labels}
        onReload={onReload}
      />
      {children}
      <FormActions submitLabel={submitLabel} onCancel={onCancel} disabled={busy} />
    </form>
  );
}

/** Today as YYYY-MM-DD, in local time (a date field's value). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
