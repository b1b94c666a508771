import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';
import { type FieldLabels, isConflict } from '../api/errors';
import { FormActions } from '../components/FormActions';
import { MutationError } from '../components/PageState';

/**
 * The foot of a form that creates or changes one thing: why its last sending was refused, then
 * its buttons. A conflict (someone did it meanwhile, or it already exists) is said in the form's
 * own words (`conflict`); any other refusal by MutationError, which names the refused fields by
 * `labels`. The buttons are submit and cancel, or the form's own row (`actions`).
 */
export function FormFooter(
  props: {
    /** The refusal of the last sending, unless the form shows it under its fields. */
    error: unknown;
    conflict?: ReactNode;
    labels?: FieldLabels;
  } & (
    | { submitLabel: ReactNode; onCancel: () => void; busy: boolean }
    | { /** The form's own row of buttons. */ actions: ReactNode }
  ),
) {
  const { error, conflict, labels } = props;
  return (
    <>
      {!!error &&
        (conflict && isConflict(error) ? (
          <Alert severity="error" small className="fr-mb-2w" description={conflict} />
        ) : (
          <MutationError error={error} labels={labels} />
        ))}
      {'actions' in props ? (
        props.actions
      ) : (
        <FormActions
          submitLabel={props.submitLabel}
          onCancel={props.onCancel}
          disabled={props.busy}
          cancelDisabled={props.busy}
          className="fr-mt-2w"
        />
      )}
    </>
  );
}
