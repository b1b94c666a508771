import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { graphql } from '../api/graphql';
import { MutationError } from '../components/PageState';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';

const MY_WORK_PHONE = graphql(`
  query MyWorkPhone {
    me {
      id
      workPhone
    }
  }
`);

const SET_MY_WORK_PHONE = graphql(`
  mutation SetMyWorkPhone($workPhone: String) {
    setMyWorkPhone(workPhone: $workPhone) {
      id
      workPhone
    }
  }
`);

const PHONE_LABELS = { workPhone: 'Téléphone professionnel' };

/** A work number for the example, rather than the generic mobile one. */
const PHONE_HINTS = { workPhone: 'Saisissez un numéro français, par exemple 01 23 45 67 89.' };

/**
 * The professional's work phone, shown with their work email to the teams of the people they
 * follow. The email is the account's own (given at invitation).
 */
export function WorkPhoneForm() {
  const { data } = useQuery(MY_WORK_PHONE, { fetchPolicy: 'cache-and-network' });
  const saved = data?.me.workPhone ?? '';
  const [value, setValue] = useState<string>();
  const [done, setDone] = useState<string>();
  const [save, saving] = useMutation(SET_MY_WORK_PHONE);
  // The API's rules (SetMyWorkPhoneArgs): a French number, 0X or +33 X then four pairs of digits.
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.SetMyWorkPhoneArgs,
    labels: PHONE_LABELS,
    idPrefix: 'coordonnees',
    hints: PHONE_HINTS,
  });
  const phone = value ?? saved;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    // Checked as sent, trimmed; an empty number removes it.
    const values = { workPhone: phone.trim() };
    if (!fieldErrors.check(values)) return;
    try {
      const result = await save({ variables: { workPhone: values.workPhone || null } });
      const now = result.data?.setMyWorkPhone.workPhone;
      setValue(undefined);
      setDone(
        now ? `Téléphone professionnel enregistré : ${now}.` : 'Téléphone professionnel retiré.',
      );
    } catch (error) {
      fieldErrors.refused(error, values); // Under the field, or else said by MutationError.
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="coordonnees-titre" noValidate>
      <h2 id="coordonnees-titre">Coordonnées professionnelles</h2>
      <p>
        Les équipes des personnes que vous suivez voient votre courriel et votre téléphone
        professionnels dans la synthèse du dossier.
      </p>
      <div aria-live="polite" role="status">
        {done && <Alert severity="success" small className="fr-mb-2w" description={done} />}
      </div>
      {fieldErrors.summary}
      <div role="alert">
        {fieldErrors.errors.length === 0 && (
          <MutationError error={saving.error} labels={PHONE_LABELS} />
        )}
      </div>
      <Input
        label="Téléphone professionnel"
        hintText="Facultatif. Format : 01 23 45 67 89 ou +33 1 23 45 67 89."
        {...fieldErrors.state('workPhone')}
        nativeInputProps={{
          ...fieldErrors.native('workPhone', phone),
          type: 'tel',
          name: 'workPhone',
          autoComplete: 'work tel',
          value: phone,
          onChange: (event) => setValue(event.target.value),
        }}
      />
      {fieldErrors.counter('workPhone', phone)}
      <Button type="submit" disabled={saving.loading}>
        Enregistrer le téléphone
      </Button>
    </form>
  );
}
