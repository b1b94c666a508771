import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { INPUT_RULES } from '../../forms/field-check';
import { CountedText } from '../../forms/CountedText';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { ORIENTATION_LABELS, type OrientationType } from '../labels';
import { afterFailure, SectionForm } from './common';
import { LabelSelect } from './LabelSelect';
import type { SectionProps } from './query';

const REQUEST_ORIENTATION = graphql(`
  mutation RequestOrientation($input: RequestOrientationInput!) {
    requestOrientation(input: $input) {
      id
      status
    }
  }
`);

const ORIENTATION_REQUEST_LABELS = { orientationType: 'Orientation demandée', reason: 'Motif' };

/** The referent asks an orientation manager for a (re)orientation. */
export function OrientationRequestForm({
  person,
  reload,
  onDone,
}: SectionProps & { onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<OrientationType | ''>('');
  const [reason, setReason] = useState('');
  const [request, { error, loading, reset }] = useMutation(REQUEST_ORIENTATION);
  const fieldErrors = useFieldErrors({
    rules: { orientationType: { required: true }, ...INPUT_RULES.RequestOrientationInput },
    labels: ORIENTATION_REQUEST_LABELS,
    idPrefix: 'orientation',
  });

  if (!open) {
    return (
      <Button priority="secondary" size="small" onClick={() => setOpen(true)}>
        Demander une réorientation
      </Button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { orientationType: type, reason };
    if (!fieldErrors.check(values) || !type) return;
    try {
      await request({
        variables: { input: { personId: person.id, orientationType: type, reason: reason.trim() } },
      });
      setOpen(false);
      setReason('');
      setType('');
      onDone('Demande de réorientation envoyée au chargé d’orientation.');
      void reload();
    } catch (failure) {
      afterFailure(failure, reload, fieldErrors, values);
    }
  }

  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId="orientation-form-titre"
      title="Demander une réorientation"
      heading="h4"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={ORIENTATION_REQUEST_LABELS}
      onReload={() => {
        reset();
        void reload();
      }}
      submitLabel="Envoyer la demande"
      onCancel={() => setOpen(false)}
      busy={loading}
    >
      <LabelSelect
        label="Orientation demandée (obligatoire)"
        labels={ORIENTATION_LABELS}
        value={type}
        onChange={setType}
        placeholder="Choisir une orientation"
        field="orientationType"
        fieldErrors={fieldErrors}
      />
      <CountedText
        label="Motif (obligatoire)"
        hintText="De 3 à 1 000 caractères."
        textArea
        field="reason"
        value={reason}
        onChange={setReason}
        fieldErrors={fieldErrors}
      />
    </SectionForm>
  );
}
