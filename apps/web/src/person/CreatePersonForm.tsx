import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isConflict } from '../api/errors';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { FormActions } from '../components/FormActions';
import { MutationError } from '../components/PageState';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import { PERSON_HINTS, PERSON_LABELS, PersonTextFields, type PersonValues } from './PersonFields';
import {
  type Gender,
  keysOf,
  orNull,
  type PersonRight,
  personName,
  RIGHT_LABELS,
  type TeamRole,
} from './labels';
import { ofName } from '../components/typography';

const CREATE_PERSON = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      summary {
        id
        givenName
        familyName
      }
      person {
        id
      }
    }
  }
`);

const CREATE_LABELS = {
  ...PERSON_LABELS,
  territoryId: 'Département',
  structureId: 'Structure',
  teamRole: 'Votre rôle',
};

/** The person the API found already filed (a likely duplicate), in its minimal view. */
interface ExistingPerson {
  id: string;
  givenName: string;
  familyName: string;
  birthYear?: number;
  isMember?: boolean;
  referentStructure?: { name: string } | null;
}

function existingPersonOf(error: unknown): ExistingPerson | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const details = error.errors[0]?.extensions?.details as
    { existingPerson?: ExistingPerson } | undefined;
  const existing = details?.existingPerson;
  return existing && typeof existing.id === 'string' ? existing : undefined;
}

/** A new file; the professional who creates it joins its team (referent by default). */
export function CreatePersonForm({ onClose }: { onClose: () => void }) {
  const { me } = useMe();
  const navigate = useNavigate();
  // The structures the account follows people for, and their territories.
  const places = me.memberships
    .filter((m) => m.role === 'PROFESSIONAL' && m.structure)
    .map((m) => ({
      structureId: m.structure?.id ?? '',
      structureName: m.structure?.name ?? '',
      territoryId: m.structure?.territoryId ?? '',
    }));
  const [structureId, setStructureId] = useState(places[0]?.structureId ?? '');
  const [values, setValues] = useState<PersonValues>({
    givenName: '',
    familyName: '',
    birthName: '',
    birthDate: '',
    gender: '',
    birthplace: '',
    birthCountry: '',
    email: '',
    phone: '',
    addressLine: '',
    postalCode: '',
    city: '',
    cafNumber: '',
    franceTravailId: '',
    nir: '',
  });
  const [rights, setRights] = useState<PersonRight[]>([]);
  const [rightsAndDuties, setRightsAndDuties] = useState(false);
  const [teamRole, setTeamRole] = useState<TeamRole>('REFERENT');
  const [create, { error, loading, data }] = useMutation(CREATE_PERSON);
  const place = places.find((p) => p.structureId === structureId) ?? places[0];
  const existing = isConflict(error) ? existingPersonOf(error) : undefined;
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.CreatePersonInput,
    labels: CREATE_LABELS,
    idPrefix: 'creer',
    hints: PERSON_HINTS,
  });
  // A refusal is said at the top of a long form: brought into view and focused.
  const problemRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error && fieldErrors.errors.length === 0) problemRef.current?.focus();
  }, [error, fieldErrors.errors.length]);
  // The form opens (from "Créer un dossier") with the focus on its first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!place) return;
    if (!fieldErrors.check(values)) return;
    try {
      const result = await create({
        variables: {
          input: {
            territoryId: place.territoryId,
            structureId: place.structureId,
            teamRole,
            givenName: values.givenName.trim(),
            familyName: values.familyName.trim(),
            birthDate: values.birthDate,
            birthName: orNull(values.birthName),
            gender: (values.gender || null) as Gender | null,
            birthplace: orNull(values.birthplace),
            birthCountry: orNull(values.birthCountry),
            email: orNull(values.email),
            phone: orNull(values.phone),
            addressLine: orNull(values.addressLine),
            postalCode: orNull(values.postalCode),
            city: orNull(values.city),
            cafNumber: orNull(values.cafNumber),
            franceTravailId: orNull(values.franceTravailId),
            nir: orNull(values.nir),
            rights,
            rightsAndDuties,
          },
        },
      });
      const personId = result.data?.createPerson.person?.id;
      if (personId) void navigate(`/personnes/${personId}`);
    } catch (failure) {
      // Each refused field under it; else said below (MutationError, or the likely duplicate).
      fieldErrors.refused(failure, values);
    }
  }

  if (places.length === 0) return null;
  const created = data?.createPerson;
  if (created && !created.person) {
    return (
      <Alert
        severity="success"
        className="fr-mb-3w"
        title="Dossier créé"
        description={`Le dossier ${ofName(personName(created.summary))} est créé.`}
        closable
        onClose={onClose}
      />
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void submit(e)}
      className="fr-p-3w fr-mb-4w fr-background-alt--grey"
      aria-labelledby="creer-titre"
      noValidate
    >
      <h2 id="creer-titre" className="fr-h4">
        Créer un dossier
      </h2>
      <p className="fr-text--sm">
        Vérifiez d’abord, par la recherche, que la personne n’a pas déjà un dossier dans le
        département.
      </p>
      {fieldErrors.summary}
      <div ref={problemRef} tabIndex={-1}>
        {fieldErrors.errors.length > 0 ? null : existing ? (
          <Alert
            severity="warning"
            small
            className="fr-mb-2w"
            description={
              <>
                Cette personne semble déjà avoir un dossier dans ce département :{' '}
                <strong>{personName(existing)}</strong>
                {existing.birthYear ? `, naissance en ${existing.birthYear}` : ''}
                {existing.referentStructure
                  ? `, suivie par ${existing.referentStructure.name}`
                  : ''}
                .{' '}
                {existing.isMember ? (
                  <Link to={`/personnes/${existing.id}`}>
                    Ouvrir le dossier {ofName(personName(existing))}
                  </Link>
                ) : (
                  <Link to={`/recherche?q=${encodeURIComponent(personName(existing))}`}>
                    Demander à rejoindre son équipe
                  </Link>
                )}
              </>
            }
          />
        ) : (
          <MutationError error={error} labels={CREATE_LABELS} />
        )}
      </div>
      {places.length > 1 && (
        <Select
          label="Structure pour laquelle vous suivez la personne"
          nativeSelectProps={{
            value: structureId,
            onChange: (e) => setStructureId(e.target.value),
          }}
        >
          {places.map((p) => (
            <option key={p.structureId} value={p.structureId}>
              {p.structureName}
            </option>
          ))}
        </Select>
      )}
      <PersonTextFields values={values} setValues={setValues} fieldErrors={fieldErrors} withNir />
      <Checkbox
        legend="Droits ouverts"
        orientation="horizontal"
        options={keysOf(RIGHT_LABELS).map((right) => ({
          label: RIGHT_LABELS[right],
          nativeInputProps: {
            name: 'rights',
            value: right,
            checked: rights.includes(right),
            onChange: (e) =>
              setRights((current) =>
                e.target.checked ? [...current, right] : current.filter((r) => r !== right),
              ),
          },
        }))}
      />
      <Checkbox
        options={[
          {
            label: 'Soumis aux droits et devoirs',
            nativeInputProps: {
              name: 'rightsAndDuties',
              checked: rightsAndDuties,
              onChange: (e) => setRightsAndDuties(e.target.checked),
            },
          },
        ]}
      />
      <RadioButtons
        legend="Votre rôle dans l’équipe de suivi"
        orientation="horizontal"
        options={[
          {
            label: 'Référent unique',
            nativeInputProps: {
              checked: teamRole === 'REFERENT',
              onChange: () => setTeamRole('REFERENT'),
            },
          },
          {
            label: 'Membre de l’équipe',
            nativeInputProps: {
              checked: teamRole === 'FOLLOWER',
              onChange: () => setTeamRole('FOLLOWER'),
            },
          },
        ]}
      />
      <FormActions submitLabel="Créer le dossier" onCancel={onClose} disabled={loading} />
    </form>
  );
}
