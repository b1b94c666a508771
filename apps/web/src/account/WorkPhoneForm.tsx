import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { fieldOf } from '../api/errors';
import { graphql } from '../api/graphql';
import { MutationError } from '../components/PageState';

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

/** Same rule as the API's: a French number, 0X or +33 X then four pairs of digits. */
const FRENCH_PHONE = /^(\+33\s?|0)[1-9]([\s.]?\d{2}){4}$/;
const FORMAT_MESSAGE = 'Saisissez un numéro français, par exemple 01 23 45 67 89.';

/**
 * The professional's work phone, shown with their work email to the teams of the people they
 * follow. The email is the account's own (given at invitation).
 */
export function WorkPhoneForm() {
  const { data } = useQuery(MY_WORK_PHONE, { fetchPolicy: 'cache-and-network' });
  const saved = data?.me.workPhone ?? '';
  const [value, setValue] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [save, saving] = useMutation(SET_MY_WORK_PHONE);
  const phone = value ?? saved;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(undefined);
    const trimmed = phone.trim();
    if (trimmed && !FRENCH_PHONE.test(trimmed)) {
      setProblem(FORMAT_MESSAGE);
      return;
    }
    setProblem(undefined);
    try {
      const result = await save({ variables: { workPhone: trimmed || null } });
      const now = result.data?.setMyWorkPhone.workPhone;
      setValue(undefined);
      setDone(
        now ? `Téléphone professionnel enregistré : ${now}.` : 'Téléphone professionnel retiré.',
      );
    } catch (error) {
      if (fieldOf(error) === 'workPhone') setProblem(FORMAT_MESSAGE);
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
      <div role="alert">
        {!problem && (
          <MutationError error={saving.error} labels={{ workPhone: 'Téléphone professionnel' }} />
        )}
      </div>
      <Input
        label="Téléphone professionnel"
        hintText="Facultatif. Format : 01 23 45 67 89 ou +33 1 23 45 67 89."
        state={problem ? 'error' : 'default'}
        stateRelatedMessage={problem}
        nativeInputProps={{
          type: 'tel',
          name: 'workPhone',
          autoComplete: 'work tel',
          'aria-invalid': problem ? true : undefined,
          value: phone,
          onChange: (event) => setValue(event.target.value),
        }}
      />
      <Button type="submit" disabled={saving.loading}>
        Enregistrer le téléphone
      </Button>
    </form>
  );
}
