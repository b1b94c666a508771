import { useMutation } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fieldOf, isConflict } from '../api/errors';
import { graphql, type ResultOf } from '../api/graphql';
import { FormActions } from '../components/FormActions';
import { MutationError } from '../components/PageState';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import { STRUCTURE_FIELDS, type STRUCTURES_QUERY } from './AdminScope';
import { STRUCTURE_TYPE_LABELS, type StructureType } from './labels';

const CREATE_STRUCTURE = graphql(
  `
    mutation CreateStructure($input: CreateStructureInput!) {
      createStructure(input: $input) {
        ...StructureFields
      }
    }
  `,
  [STRUCTURE_FIELDS],
);

const UPDATE_STRUCTURE = graphql(
  `
    mutation UpdateStructure($input: UpdateStructureInput!) {
      updateStructure(input: $input) {
        ...StructureFields
      }
    }
  `,
  [STRUCTURE_FIELDS],
);

export type Structure = ResultOf<typeof STRUCTURES_QUERY>['structures'][number];

const STRUCTURE_LABELS = {
  type: 'Type de structure',
  name: 'Nom',
  siret: 'SIRET',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
};

/** The API's rules of a structure, its type chosen in the form. */
const STRUCTURE_RULES = { ...INPUT_RULES.CreateStructureInput, type: { required: true } };

/** What a structure's form says of the rules only the API checks (the SIRET's key). */
const STRUCTURE_HINTS = {
  type: 'Choisissez le type de structure.',
  siret: 'Le SIRET compte 14 chiffres et sa clé de contrôle doit être valide : vérifiez-le.',
};

type TextField = 'name' | 'siret' | 'addressLine' | 'postalCode' | 'city';

/**
 * The form's text fields, in their order: a counter near the limit of the free texts, a keypad
 * of digits for the codes, and no browser suggestions for the address (the structure's, not
 * the admin's).
 */
const TEXT_FIELDS: readonly {
  field: TextField;
  label: string;
  hintText?: string;
  counted?: boolean;
  numeric?: boolean;
  noAutoComplete?: boolean;
}[] = [
  { field: 'name', label: 'Nom', counted: true },
  { field: 'siret', label: 'SIRET (facultatif)', hintText: '14 chiffres', numeric: true },
  { field: 'addressLine', label: 'Adresse (facultatif)', counted: true, noAutoComplete: true },
  {
    field: 'postalCode',
    label: 'Code postal (facultatif)',
    hintText: '5 chiffres',
    numeric: true,
    noAutoComplete: true,
  },
  { field: 'city', label: 'Commune (facultatif)', counted: true, noAutoComplete: true },
];

/** Adds a structure to the territory, or edits one; empty optional fields are cleared. */
export function StructureForm({
  territoryId,
  structure,
  onCancel,
  onSaved,
}: {
  territoryId: string;
  structure?: Structure;
  onCancel: () => void;
  onSaved: (text: string) => void;
}) {
  const [type, setType] = useState<StructureType | ''>(structure?.type ?? '');
  const [values, setValues] = useState<Record<TextField, string>>({
    name: structure?.name ?? '',
    siret: structure?.siret ?? '',
    addressLine: structure?.addressLine ?? '',
    postalCode: structure?.postalCode ?? '',
    city: structure?.city ?? '',
  });
  const [create, creating] = useMutation(CREATE_STRUCTURE);
  const [update, updating] = useMutation(UPDATE_STRUCTURE);
  const fieldErrors = useFieldErrors({
    rules: STRUCTURE_RULES,
    labels: STRUCTURE_LABELS,
    idPrefix: 'structure',
    hints: STRUCTURE_HINTS,
  });
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => firstField.current?.focus(), []);

  const error = structure ? updating.error : creating.error;
  const busy = creating.loading || updating.loading;
  const badField = error ? fieldOf(error) : undefined;
  const nameTaken = isConflict(error) && badField === 'name';
  // A name already taken is said under the name; the rules' errors by fieldErrors.
  const stateOf = (field: string) =>
    nameTaken && field === 'name'
      ? {
          state: 'error' as const,
          stateRelatedMessage: 'Une structure de ce territoire porte déjà ce nom.',
        }
      : fieldErrors.state(field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = {
      type,
      name: values.name.trim(),
      // People often copy a SIRET with spaces: the API wants the 14 digits only.
      siret: values.siret.replace(/\s/g, '') || null,
      addressLine: values.addressLine.trim() || null,
      postalCode: values.postalCode.trim() || null,
      city: values.city.trim() || null,
    };
    if (!fieldErrors.check(checked) || !type) return;
    const fields = { ...checked, type };
    try {
      if (structure) {
        await update({ variables: { input: { id: structure.id, ...fields } } });
        onSaved(`La structure « ${fields.name} » a été modifiée.`);
      } else {
        await create({ variables: { input: { territoryId, ...fields } } });
        onSaved(`La structure « ${fields.name} » a été ajoutée.`);
      }
    } catch (failure) {
      // Each refused field under it; the other refusals below the form.
      fieldErrors.refused(failure, fields);
    }
  };

  const title = structure ? `Modifier la structure « ${structure.name} »` : 'Ajouter une structure';
  return (
    <section aria-labelledby="structure-form-title" className="fr-mb-4w">
      <h2 id="structure-form-title">{title}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {fieldErrors.summary}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Type de structure"
              {...stateOf('type')}
              nativeSelectProps={{
                ...fieldErrors.native('type'),
                ref: firstField,
                value: type,
                onChange: (event) => setType(event.target.value as StructureType),
              }}
            >
              <option value="" disabled>
                Choisissez un type
              </option>
              {Object.entries(STRUCTURE_TYPE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          {TEXT_FIELDS.map(({ field, label, hintText, counted, numeric, noAutoComplete }) => (
            <div key={field} className="fr-col-12 fr-col-md-6">
              <Input
                label={label}
                hintText={hintText}
                {...stateOf(field)}
                nativeInputProps={{
                  ...fieldErrors.native(field, values[field]),
                  ...(field === 'name' && nameTaken ? { 'aria-invalid': true } : {}),
                  value: values[field],
                  onChange: (event) => setValues((v) => ({ ...v, [field]: event.target.value })),
                  ...(numeric ? { inputMode: 'numeric' as const } : {}),
                  ...(noAutoComplete ? { autoComplete: 'off' } : {}),
                }}
              />
              {counted && fieldErrors.counter(field, values[field])}
            </div>
          ))}
        </div>
        {error &&
          fieldErrors.errors.length === 0 &&
          (nameTaken ? (
            <Alert
              severity="error"
              small
              className="fr-mb-2w"
              description="Une structure de ce territoire porte déjà ce nom : choisissez-en un autre."
            />
          ) : (
            <MutationError error={error} labels={STRUCTURE_LABELS} />
          ))}
        <FormActions
          submitLabel={structure ? 'Enregistrer les modifications' : 'Créer la structure'}
          onCancel={onCancel}
          disabled={busy}
          cancelDisabled={busy}
          className="fr-mt-2w"
        />
      </form>
    </section>
  );
}
