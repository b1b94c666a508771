import { useMutation, useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import {
  formatDate,
  type Gender,
  GENDER_LABELS,
  keysOf,
  ORIENTATION_LABELS,
  orNull,
  type PersonRight,
  RIGHT_LABELS,
} from '../labels';
import {
  afterFailure,
  Field,
  Redacted,
  SectionForm,
  useConfirmation,
  useFormReload,
} from './common';
import { ProcessingLimitsForm } from './ProcessingLimitsForm';
import type { SectionProps } from './query';
import { INPUT_RULES } from '../../forms/field-check';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { OrientationRequestForm } from './OrientationRequestForm';
import { PERSON_HINTS, PERSON_LABELS, PersonTextFields, type PersonValues } from '../PersonFields';

const UPDATE_PERSON = graphql(`
  mutation UpdatePerson($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      id
      version
    }
  }
`);

const TERRITORY_STRUCTURES = graphql(`
  query TerritoryStructures($territoryId: ID!) {
    structures(territoryId: $territoryId) {
      id
      name
    }
  }
`);

const IDENTITY_LABELS = {
  ...PERSON_LABELS,
  rights: 'Droits',
  rightsAndDuties: 'Soumis aux droits et devoirs',
  version: 'Version',
};

const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');

export function IdentitySection({ person, reload }: SectionProps) {
  const [editing, setEditing] = useState(false);
  // Remounts the form with the latest version after a conflict.
  const [formKey, reloadForm] = useFormReload(reload);
  const [confirmation, confirm] = useConfirmation();
  const canWrite = person.access.canWrite;
  const isReferent = person.access.teamRole === 'REFERENT';

  return (
    <section aria-labelledby="identite-titre">
      <h2 id="identite-titre">Identité et droits</h2>
      {confirmation}
      {canWrite && !editing && (
        <Button
          priority="secondary"
          iconId="fr-icon-edit-line"
          className="fr-mb-3w"
          onClick={() => {
            confirm(undefined);
            setEditing(true);
          }}
        >
          Modifier l’identité et les coordonnées
        </Button>
      )}
      {canWrite && editing && (
        <IdentityForm
          key={formKey}
          person={person}
          reload={reloadForm}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            confirm('Identité et coordonnées enregistrées.');
            void reload();
          }}
        />
      )}

      <h3 className="fr-h5">Identité</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Prénom">{person.givenName}</Field>
        <Field label="Nom">{person.familyName}</Field>
        <Field label="Nom de naissance">{person.birthName}</Field>
        <Field label="Date de naissance">{formatDate(person.birthDate)}</Field>
        <Field label="Sexe (état civil)">{person.gender && GENDER_LABELS[person.gender]}</Field>
        <Field label="Commune de naissance (code INSEE)">{person.birthplace}</Field>
        <Field label="Pays de naissance (code INSEE)">{person.birthCountry}</Field>
      </dl>

      <h3 className="fr-h5">Coordonnées</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Adresse électronique">{person.email}</Field>
        <Field label="Téléphone">{person.phone}</Field>
        <Field label="Adresse">
          {[person.addressLine, [person.postalCode, person.city].filter(Boolean).join(' ')]
            .filter(Boolean)
            .join(', ')}
        </Field>
      </dl>

      <h3 className="fr-h5">Identifiants</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="NIR (numéro de sécurité sociale)">
          {person.nirRedacted ? <Redacted>Masqué</Redacted> : person.nir}
        </Field>
        <Field label="Numéro d’allocataire CAF">{person.cafNumber}</Field>
        <Field label="Identifiant France Travail">{person.franceTravailId}</Field>
        <Field label="Identifiant du département">{person.externalId}</Field>
      </dl>

      <h3 className="fr-h5">Droits</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Droits ouverts">
          {person.rights.length > 0 || person.sensitiveRightsRedacted ? (
            <ul className="fr-mb-0">
              {person.rights.map((right) => (
                <li key={right}>{RIGHT_LABELS[right]}</li>
              ))}
              {person.sensitiveRightsRedacted && (
                <li>
                  <Redacted />
                </li>
              )}
            </ul>
          ) : (
            'Aucun'
          )}
        </Field>
        <Field label="Soumis aux droits et devoirs">{yesNo(person.rightsAndDuties)}</Field>
      </dl>

      <h3 className="fr-h5">Droits RGPD de la personne</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Limitation du traitement">
          {person.restricted ? 'Oui : le dossier est en lecture seule' : 'Non'}
        </Field>
        <Field label="Opposition au partage">
          {person.objection
            ? 'Oui : pas de partage avec les systèmes partenaires, pas de nouveau membre sans son accord'
            : 'Non'}
        </Field>
      </dl>
      {isReferent && person.status === 'ACTIVE' && person.access.ground === 'TEAM_MEMBER' && (
        <ProcessingLimitsForm person={person} reload={reload} onDone={confirm} />
      )}

      <h3 className="fr-h5">Orientation</h3>
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Type d’orientation">
          {person.orientationType ? ORIENTATION_LABELS[person.orientationType] : 'Non décidée'}
        </Field>
        <Field label="Structure d’orientation">
          {person.orientationStructureId && (
            <StructureName
              territoryId={person.territoryId}
              structureId={person.orientationStructureId}
            />
          )}
        </Field>
      </dl>
      {isReferent && canWrite && (
        <OrientationRequestForm person={person} reload={reload} onDone={confirm} />
      )}
    </section>
  );
}

/** A structure of the territory by name (the file names it by id). */
function StructureName({ territoryId, structureId }: { territoryId: string; structureId: string }) {
  const { data } = useQuery(TERRITORY_STRUCTURES, {
    variables: { territoryId },
    fetchPolicy: 'cache-first',
  });
  const structure = data?.structures.find((s) => s.id === structureId);
  return <>{structure?.name ?? 'Structure du territoire'}</>;
}

function IdentityForm({
  person,
  reload,
  onCancel,
  onDone,
}: SectionProps & { onCancel: () => void; onDone: () => void }) {
  // The version read when the form opened: a change made meanwhile is a conflict.
  const [version] = useState(person.version);
  const [values, setValues] = useState<PersonValues>(() => ({
    givenName: person.givenName,
    familyName: person.familyName,
    birthName: person.birthName ?? '',
    birthDate: person.birthDate,
    gender: person.gender ?? '',
    birthplace: person.birthplace ?? '',
    birthCountry: person.birthCountry ?? '',
    email: person.email ?? '',
    phone: person.phone ?? '',
    addressLine: person.addressLine ?? '',
    postalCode: person.postalCode ?? '',
    city: person.city ?? '',
    cafNumber: person.cafNumber ?? '',
    franceTravailId: person.franceTravailId ?? '',
    nir: person.nir ?? '',
  }));
  const [rights, setRights] = useState<PersonRight[]>(() => [...person.rights]);
  const [rightsAndDuties, setRightsAndDuties] = useState(person.rightsAndDuties);
  const [update, { error, loading }] = useMutation(UPDATE_PERSON);
  // Rights and the NIR one may not read are left out, so they stay as they are.
  const editRights = !person.sensitiveRightsRedacted;
  const rightOptions = keysOf(RIGHT_LABELS).filter(
    (right) => right !== 'RQTH' || person.access.canReadSensitive,
  );

  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.UpdatePersonInput,
    labels: IDENTITY_LABELS,
    idPrefix: 'identite',
    hints: PERSON_HINTS,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check(values)) return;
    try {
      await update({
        variables: {
          input: {
            personId: person.id,
            version,
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
            ...(person.nirRedacted ? {} : { nir: orNull(values.nir) }),
            ...(editRights ? { rights } : {}),
            rightsAndDuties,
          },
        },
      });
      onDone();
    } catch (failure) {
      afterFailure(failure, reload, fieldErrors, values);
    }
  }

  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId="identite-form-titre"
      title="Modifier l’identité et les coordonnées"
      className="fr-mb-4w fr-p-3w fr-background-alt--grey"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={IDENTITY_LABELS}
      onReload={() => void reload()}
      submitLabel="Enregistrer l’identité"
      onCancel={onCancel}
      busy={loading}
    >
      <PersonTextFields
        values={values}
        setValues={setValues}
        fieldErrors={fieldErrors}
        withNir={!person.nirRedacted}
      />
      {editRights ? (
        <Checkbox
          legend="Droits ouverts"
          orientation="horizontal"
          options={rightOptions.map((right) => ({
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
      ) : (
        <p>Les droits comptent une information protégée : ils ne se modifient pas ici.</p>
      )}
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
    </SectionForm>
  );
}
