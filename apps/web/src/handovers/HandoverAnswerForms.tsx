import { useMutation } from '@apollo/client/react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { graphql } from '../api/graphql';
import { codeOf } from '../api/errors';
import { FormActions } from '../components/FormActions';
import { MutationError } from '../components/PageState';
import { HANDOVER_FIELDS, type HandoverFields, personName, REASON_MAX } from './handover-format';
import { useFieldErrors } from '../forms/useFieldErrors';
import { INPUT_RULES } from '../forms/field-check';

const DECLINE = graphql(
  `
    mutation DeclineHandover($input: DeclineHandoverInput!) {
      declineHandover(input: $input) {
        ...HandoverFields
      }
    }
  `,
  [HANDOVER_FIELDS],
);

const CANCEL = graphql(
  `
    mutation CancelHandover($input: CancelHandoverInput!) {
      cancelHandover(input: $input) {
        ...HandoverFields
      }
    }
  `,
  [HANDOVER_FIELDS],
);

/** What the parties see change after an answer. */
const REFRESHED = ['Handovers', 'Caseload', 'UnreadNotificationCount'];

const LABELS = { reason: 'Motif du refus' };

/** Declining (with a reason) and cancelling a handover, from its page. */
export function DeclineForm({
  handover,
  onClose,
  onFailed,
  onDone,
}: {
  handover: HandoverFields;
  onClose: () => void;
  onFailed: (error: unknown) => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [decline, { loading }] = useMutation(DECLINE, { refetchQueries: REFRESHED });
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.DeclineHandoverInput,
    labels: LABELS,
    idPrefix: 'refus',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    // Checked as sent: trimmed.
    const values = { reason: reason.trim() };
    if (!fieldErrors.check(values)) return;
    decline({ variables: { input: { handoverId: handover.id, ...values } } }).then(
      () => onDone(),
      (caught: unknown) => {
        if (fieldErrors.refused(caught, values)) return;
        if (codeOf(caught) === 'BAD_USER_INPUT') setError(caught);
        else onFailed(caught);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="fr-mb-4w" aria-labelledby="refuser-titre">
      <h3 id="refuser-titre" className="fr-h5">
        Refuser le passage
      </h3>
      {fieldErrors.summary}
      <MutationError error={error} labels={LABELS} />
      <Input
        label="Motif du refus"
        hintText={`Expliquez pourquoi ${handover.toStructure.name} ne peut pas accueillir la personne (3 à ${REASON_MAX.toLocaleString('fr-FR')} caractères). Il sera lu par la personne qui a proposé le passage.`}
        textArea
        {...fieldErrors.state('reason')}
        nativeTextAreaProps={{
          ...fieldErrors.native('reason', reason),
          value: reason,
          onChange: (event) => setReason(event.target.value),
          rows: 4,
          'aria-required': true,
        }}
      />
      {fieldErrors.counter('reason', reason)}
      <FormActions
        submitLabel="Confirmer le refus"
        onCancel={onClose}
        disabled={loading}
        cancelLabel="Fermer"
        cancelPriority="tertiary"
      />
    </form>
  );
}

export function CancelForm({
  handover,
  onClose,
  onFailed,
  onDone,
}: {
  handover: HandoverFields;
  onClose: () => void;
  onFailed: (error: unknown) => void;
  onDone: () => void;
}) {
  const [cancel, { loading }] = useMutation(CANCEL, { refetchQueries: REFRESHED });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    cancel({ variables: { input: { handoverId: handover.id } } }).then(() => onDone(), onFailed);
  };
  return (
    <form onSubmit={submit} className="fr-mb-4w" aria-labelledby="annuler-titre" noValidate>
      <h3 id="annuler-titre" className="fr-h5">
        Annuler le passage
      </h3>
      <p>
        Le passage vers {handover.toStructure.name} sera annulé et la structure d’accueil en sera
        informée. {personName(handover.person)} garde sa personne référente actuelle.
      </p>
      <FormActions
        submitLabel="Confirmer l’annulation"
        onCancel={onClose}
        disabled={loading}
        cancelLabel="Fermer"
        cancelPriority="tertiary"
      />
    </form>
  );
}
