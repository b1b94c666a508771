import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { type FormEvent, useState } from 'react';
import { ConfirmPanel } from '../../admin/ConfirmPanel';
import { graphql } from '../../api/graphql';
import { MutationError } from '../../components/PageState';
import { personName } from '../labels';
import { afterFailure } from './common';
import type { SectionProps } from './query';
import { ofName } from '../../components/typography';

const SET_PROCESSING_LIMITS = graphql(`
  mutation SetProcessingLimits($input: SetProcessingLimitsInput!) {
    setProcessingLimits(input: $input) {
      id
      version
      restricted
      objection
    }
  }
`);

/**
 * RGPD restriction and objection: recorded by the referent, the person having asked. Switching
 * the restriction on stops every change to the file, so it is confirmed first.
 */
export function ProcessingLimitsForm({
  person,
  reload,
  onDone,
}: SectionProps & { onDone: (message: string) => void }) {
  const [restricted, setRestricted] = useState(person.restricted);
  const [objection, setObjection] = useState(person.objection);
  const [confirming, setConfirming] = useState(false);
  const [save, { error, loading, reset }] = useMutation(SET_PROCESSING_LIMITS);
  const changed = restricted !== person.restricted || objection !== person.objection;

  async function record() {
    try {
      await save({
        variables: {
          input: { personId: person.id, version: person.version, restricted, objection },
        },
      });
      setConfirming(false);
      onDone('Limitation et opposition enregistrées.');
      void reload();
    } catch (failure) {
      setConfirming(false);
      afterFailure(failure, reload);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (restricted && !person.restricted) setConfirming(true);
    else void record();
  }

  if (confirming) {
    return (
      <ConfirmPanel
        headingLevel={3}
        title={`Limiter le traitement des données ${ofName(personName(person))} ?`}
        confirmLabel="Confirmer la limitation"
        onConfirm={() => void record()}
        onCancel={() => setConfirming(false)}
        busy={loading}
      >
        <p>
          Le dossier deviendra consultable sans modification : plus personne, vous compris, ne
          pourra y écrire tant que la limitation ne sera pas levée. À faire seulement si la personne
          l’a demandé.
        </p>
      </ConfirmPanel>
    );
  }

  return (
    <form onSubmit={submit} className="fr-mb-3w" noValidate>
      <MutationError
        error={error}
        onReload={() => {
          reset();
          void reload();
        }}
      />
      <Checkbox
        legend="Ce que la personne a demandé (réservé au référent)"
        options={[
          {
            label: 'Limitation du traitement',
            hintText: 'Le dossier devient consultable sans modification.',
            nativeInputProps: {
              name: 'restricted',
              checked: restricted,
              onChange: (e) => setRestricted(e.target.checked),
            },
          },
          {
            label: 'Opposition au partage',
            hintText:
              'Aucun partage avec les systèmes partenaires ; aucun nouveau membre sans son accord.',
            nativeInputProps: {
              name: 'objection',
              checked: objection,
              onChange: (e) => setObjection(e.target.checked),
            },
          },
        ]}
      />
      <Button type="submit" priority="secondary" size="small" disabled={loading || !changed}>
        Enregistrer les droits RGPD
      </Button>
    </form>
  );
}
