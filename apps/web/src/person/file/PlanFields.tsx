import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, type ReactNode } from 'react';
import { type FieldErrors } from '../../forms/useFieldErrors';
import { SectionForm } from './common';

// The frame and the fields the plan's forms share (PlanForms.tsx).

/** The plan's fields, as errors name them. */
export const PLAN_LABELS = {
  title: 'Intitulé',
  status: 'Statut',
  goalId: 'Objectif',
  obstacleId: 'Frein',
  startsOn: 'Date de début',
  dueOn: 'Échéance',
  endsOn: 'Date de fin',
  type: 'Type de contrat',
};

export function FormFrame({
  id,
  title,
  error,
  reload,
  onSubmit,
  onClose,
  submitLabel,
  loading,
  fieldErrors,
  children,
}: {
  id: string;
  title: string;
  error: unknown;
  reload: () => Promise<unknown>;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  submitLabel: string;
  loading: boolean;
  fieldErrors: FieldErrors;
  children: ReactNode;
}) {
  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId={id}
      title={title}
      heading="h4"
      className="fr-p-3w fr-mb-3w fr-background-alt--grey"
      onSubmit={onSubmit}
      error={error}
      labels={PLAN_LABELS}
      onReload={() => void reload()}
      submitLabel={submitLabel}
      onCancel={onClose}
      busy={loading}
    >
      {children}
    </SectionForm>
  );
}

/** A date of the plan, its error under it. */
export function DateField({
  className,
  label,
  field,
  value,
  onChange,
  fieldErrors,
}: {
  className: string;
  label: string;
  field: string;
  value: string;
  onChange: (value: string) => void;
  fieldErrors: FieldErrors;
}) {
  return (
    <div className={className}>
      <Input
        label={label}
        {...fieldErrors.state(field)}
        nativeInputProps={{
          ...fieldErrors.native(field),
          type: 'date',
          value,
          onChange: (e) => onChange(e.target.value),
        }}
      />
    </div>
  );
}

/** A goal's or an action's title, counted near its limit. */
export function TitleField({
  label,
  value,
  onChange,
  fieldErrors,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  fieldErrors: FieldErrors;
}) {
  return (
    <>
      <Input
        label={label}
        {...fieldErrors.state('title')}
        nativeInputProps={{
          ...fieldErrors.native('title', value),
          value,
          onChange: (e) => onChange(e.target.value),
        }}
      />
      {fieldErrors.counter('title', value)}
    </>
  );
}
