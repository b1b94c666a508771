import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type Dispatch, type SetStateAction } from 'react';
import { type FieldErrors } from '../forms/useFieldErrors';
import { GENDER_LABELS, keysOf, PERSON_FIELD_LABELS } from './labels';

// The identity, contact and identifier fields the person's creation and its edit share.

/** The person's fields, as their inputs label them and errors name them. */
export const PERSON_LABELS = PERSON_FIELD_LABELS;

/** A rule only the server checks: the NIR's key. */
export const PERSON_HINTS = {
  nir: 'Le NIR compte 15 caractères (chiffres, ou 2A et 2B pour la Corse) et sa clé doit correspondre.',
};

export type PersonValues = Record<keyof typeof PERSON_LABELS, string>;

const TYPES: Partial<Record<keyof PersonValues, string>> = {
  birthDate: 'date',
  email: 'email',
  phone: 'tel',
};
const REQUIRED = new Set<keyof PersonValues>(['givenName', 'familyName', 'birthDate']);

/** What the given names and the birth's codes must be, under their fields: FranceConnect matches the file on them. */
const FIELD_HINTS: Partial<Record<keyof PersonValues, string>> = {
  givenName:
    'Tous les prénoms, dans l’ordre de l’état civil : FranceConnect ne retrouve le dossier que s’ils y sont tous.',
  birthplace:
    'Code INSEE de la commune de naissance, 5 caractères, par exemple 44109 pour Nantes. Ce n’est pas le code postal. Vide pour une naissance à l’étranger.',
  birthCountry: 'Code INSEE du pays de naissance, par exemple 99100 pour la France.',
};

/** The person's text fields, each with its error under it and a counter near its limit. */
export function PersonTextFields({
  values,
  setValues,
  fieldErrors,
  withNir,
}: {
  values: PersonValues;
  setValues: Dispatch<SetStateAction<PersonValues>>;
  fieldErrors: FieldErrors;
  withNir: boolean;
}) {
  const names = Object.keys(PERSON_LABELS) as (keyof PersonValues)[];
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      {names
        .filter((name) => withNir || name !== 'nir')
        .map((name) => (
          <div key={name} className="fr-col-12 fr-col-md-6">
            {name === 'gender' ? (
              <Select
                label={PERSON_LABELS.gender}
                nativeSelectProps={{
                  id: fieldErrors.native(name).id,
                  name,
                  value: values.gender,
                  onChange: (e) => setValues((v) => ({ ...v, gender: e.target.value })),
                }}
              >
                <option value="">Non renseigné</option>
                {keysOf(GENDER_LABELS).map((gender) => (
                  <option key={gender} value={gender}>
                    {GENDER_LABELS[gender]}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                label={PERSON_LABELS[name] + (REQUIRED.has(name) ? ' (obligatoire)' : '')}
                hintText={FIELD_HINTS[name]}
                {...fieldErrors.state(name)}
                nativeInputProps={{
                  ...fieldErrors.native(name, values[name]),
                  name,
                  type: TYPES[name] ?? 'text',
                  value: values[name],
                  onChange: (e) => setValues((v) => ({ ...v, [name]: e.target.value })),
                }}
              />
            )}
            {fieldErrors.counter(name, values[name])}
          </div>
        ))}
    </div>
  );
}
