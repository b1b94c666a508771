import { useMutation } from '@apollo/client/react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { graphql } from '../api/graphql';
import { INPUT_RULES } from '../forms/field-check';
import { FormFooter } from '../forms/FormFooter';
import { useFieldErrors } from '../forms/useFieldErrors';

const CREATE_TERRITORY = graphql(`
  mutation CreateTerritory($input: CreateTerritoryInput!) {
    createTerritory(input: $input) {
      id
      code
      name
    }
  }
`);

const TERRITORY_LABELS = {
  code: 'Code du département',
  name: 'Nom du territoire',
  'firstAdmin.givenName': 'Prénom',
  'firstAdmin.familyName': 'Nom',
  'firstAdmin.email': 'Adresse électronique',
};

/** The API's rules: the territory's (CreateTerritoryInput), its first admin's (InviteeInput). */
const TERRITORY_RULES = {
  ...INPUT_RULES.CreateTerritoryInput,
  'firstAdmin.givenName': INPUT_RULES.InviteeInput.givenName,
  'firstAdmin.familyName': INPUT_RULES.InviteeInput.familyName,
  'firstAdmin.email': INPUT_RULES.InviteeInput.email,
};

const TERRITORY_IDS = {
  'firstAdmin.givenName': 'territoire-prenom',
  'firstAdmin.familyName': 'territoire-nom-admin',
  'firstAdmin.email': 'territoire-courriel',
};

/** A platform admin opens a territory and invites its first admin at once. */
export function TerritoryForm({
  onCancel,
  onOpened,
}: {
  onCancel: () => void;
  onOpened: (text: string) => void;
}) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>();
  const [open, { loading }] = useMutation(CREATE_TERRITORY);
  const fieldErrors = useFieldErrors({
    rules: TERRITORY_RULES,
    labels: TERRITORY_LABELS,
    idPrefix: 'territoire',
    ids: TERRITORY_IDS,
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    // Checked as sent: trimmed, the code in capitals.
    const values = {
      code: code.trim().toUpperCase(),
      name: name.trim(),
      'firstAdmin.givenName': givenName.trim(),
      'firstAdmin.familyName': familyName.trim(),
      'firstAdmin.email': email.trim(),
    };
    if (!fieldErrors.check(values)) return;
    const input = {
      code: values.code,
      name: values.name,
      firstAdmin: {
        givenName: values['firstAdmin.givenName'],
        familyName: values['firstAdmin.familyName'],
        email: values['firstAdmin.email'],
      },
    };
    try {
      await open({ variables: { input } });
    } catch (caught: unknown) {
      if (!fieldErrors.refused(caught, values)) setError(caught); // Shown below the form.
      return;
    }
    onOpened(
      `Territoire ${input.name} (${input.code}) ouvert : ${input.firstAdmin.givenName} ${input.firstAdmin.familyName} reçoit une invitation pour administrer ce territoire.`,
    );
  };

  const field = (
    key: keyof typeof TERRITORY_LABELS,
    value: string,
    onChange: (value: string) => void,
    hintText?: string,
  ) => (
    <>
      <Input
        label={TERRITORY_LABELS[key]}
        hintText={hintText}
        {...fieldErrors.state(key)}
        nativeInputProps={{
          ...fieldErrors.native(key, value),
          ...(key === 'firstAdmin.email' ? { type: 'email' } : {}),
          value,
          onChange: (event) => onChange(event.target.value),
          'aria-required': true,
          autoComplete: 'off',
        }}
      />
      {fieldErrors.counter(key, value)}
    </>
  );

  return (
    <section aria-labelledby="territoire-form-title" className="fr-mb-4w">
      <h3 id="territoire-form-title" tabIndex={-1} ref={heading}>
        Ouvrir un territoire
      </h3>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {fieldErrors.summary}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            {field('code', code, setCode, '01 à 95, 2A, 2B ou 971 à 976')}
          </div>
          <div className="fr-col-12 fr-col-md-8">
            {field('name', name, setName, 'Par exemple : Loire-Atlantique')}
          </div>
        </div>
        <fieldset className="fr-fieldset fr-mt-2w">
          <legend className="fr-fieldset__legend">
            Première personne à administrer le territoire, invitée aussitôt
          </legend>
          <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
            {field('firstAdmin.givenName', givenName, setGivenName)}
          </div>
          <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
            {field('firstAdmin.familyName', familyName, setFamilyName)}
          </div>
          <div className="fr-fieldset__element fr-col-12 fr-col-md-6">
            {field('firstAdmin.email', email, setEmail)}
          </div>
        </fieldset>
        <FormFooter
          error={error}
          conflict="Ce territoire est déjà ouvert, ou cette personne y est déjà administratrice."
          labels={TERRITORY_LABELS}
          submitLabel="Ouvrir le territoire"
          onCancel={onCancel}
          busy={loading}
        />
      </form>
    </section>
  );
}
