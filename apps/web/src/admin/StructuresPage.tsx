import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { fieldOf, isConflict } from '../api/errors';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { FormActions } from '../components/FormActions';
import { EmptyState, MutationError, PageState } from '../components/PageState';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import {
  AdminPage,
  STRUCTURES_QUERY,
  TERRITORIES_QUERY,
  territoryLabel,
  TerritorySelect,
} from './AdminScope';
import { STRUCTURE_TYPE_LABELS, structureTypeLabel, type StructureType } from './labels';
import { ofName } from '../components/typography';
import { TerritoryForm } from './TerritoryForm';

const CREATE_STRUCTURE = graphql(`
  mutation CreateStructure($input: CreateStructureInput!) {
    createStructure(input: $input) {
      id
      name
      type
      siret
      addressLine
      postalCode
      city
      externalId
      territoryId
    }
  }
`);

const UPDATE_STRUCTURE = graphql(`
  mutation UpdateStructure($input: UpdateStructureInput!) {
    updateStructure(input: $input) {
      id
      name
      type
      siret
      addressLine
      postalCode
      city
      externalId
      territoryId
    }
  }
`);

type Structure = ResultOf<typeof STRUCTURES_QUERY>['structures'][number];

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

export function StructuresPage() {
  const { hasRole } = useMe();
  return (
    <AdminPage title="Structures">
      {hasRole('TERRITORY_ADMIN', 'STRUCTURE_ADMIN') && <TerritoryStructures />}
      {hasRole('PLATFORM_ADMIN') && <PlatformTerritories />}
    </AdminPage>
  );
}

/** The territories whose structures the account sees as an admin, and whether it manages them. */
function useAdminTerritories() {
  const { me } = useMe();
  return useMemo(() => {
    const found = new Map<string, { id: string; label: string; manages: boolean }>();
    for (const membership of me.memberships) {
      const territory = membership.territory;
      if (!territory) continue;
      if (membership.role === 'TERRITORY_ADMIN') {
        found.set(territory.id, {
          id: territory.id,
          label: territoryLabel(territory),
          manages: true,
        });
      } else if (membership.role === 'STRUCTURE_ADMIN' && !found.has(territory.id)) {
        found.set(territory.id, {
          id: territory.id,
          label: territoryLabel(territory),
          manages: false,
        });
      }
    }
    return [...found.values()];
  }, [me]);
}

function TerritoryStructures() {
  const territories = useAdminTerritories();
  const [territoryId, setTerritoryId] = useState<string>();
  const territory = territories.find((t) => t.id === territoryId) ?? territories[0];
  if (!territory) return null;
  return (
    <>
      <TerritorySelect territories={territories} selected={territory} onSelect={setTerritoryId} />
      <StructureList
        key={territory.id}
        territoryId={territory.id}
        territoryName={territory.label}
        manages={territory.manages}
      />
    </>
  );
}

type Editing = { mode: 'create' } | { mode: 'edit'; structure: Structure };

function StructureList({
  territoryId,
  territoryName,
  manages,
}: {
  territoryId: string;
  territoryName: string;
  manages: boolean;
}) {
  const { data, error, loading, refetch } = useQuery(STRUCTURES_QUERY, {
    variables: { territoryId },
  });
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<string>();

  const structures = data?.structures ?? [];
  return (
    <>
      {saved && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={saved}
          closable
          onClose={() => setSaved(undefined)}
        />
      )}
      {manages ? (
        editing ? (
          <StructureForm
            key={editing.mode === 'edit' ? editing.structure.id : 'new'}
            territoryId={territoryId}
            structure={editing.mode === 'edit' ? editing.structure : undefined}
            onCancel={() => setEditing(undefined)}
            onSaved={(text) => {
              setEditing(undefined);
              setSaved(text);
              void refetch();
            }}
          />
        ) : (
          <Button
            className="fr-mb-3w"
            onClick={() => {
              setSaved(undefined);
              setEditing({ mode: 'create' });
            }}
          >
            Ajouter une structure
          </Button>
        )
      ) : (
        <p>
          Vous pouvez consulter les structures du territoire. Les ajouts et les modifications sont
          réservés aux administrateurs et administratrices de territoire.
        </p>
      )}
      {error ? (
        <PageState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <PageState loading={loading} loadingText="Chargement des structures…" />
      ) : structures.length === 0 ? (
        <EmptyState>Aucune structure n’est encore enregistrée pour ce territoire.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table>
            <caption>Structures {ofName(territoryName)}, par nom</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type</th>
                <th scope="col">SIRET</th>
                <th scope="col">Commune</th>
                <th scope="col">Identifiant externe</th>
                {manages && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {structures.map((structure) => (
                <tr key={structure.id}>
                  <td>{structure.name}</td>
                  <td>{structureTypeLabel(structure.type)}</td>
                  <td>{structure.siret ?? <NotGiven />}</td>
                  <td>
                    {structure.city || structure.postalCode ? (
                      [structure.postalCode, structure.city].filter(Boolean).join(' ')
                    ) : (
                      <NotGiven />
                    )}
                  </td>
                  <td>{structure.externalId ?? <NotGiven />}</td>
                  {manages && (
                    <td>
                      <Button
                        priority="secondary"
                        size="small"
                        nativeButtonProps={{
                          'aria-label': `Modifier la structure ${structure.name}`,
                        }}
                        onClick={() => {
                          setSaved(undefined);
                          setEditing({ mode: 'edit', structure });
                        }}
                      >
                        Modifier
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function NotGiven() {
  return <span className="relais-redacted">Non renseigné</span>;
}

/** Adds a structure to the territory, or edits one; empty optional fields are cleared. */
function StructureForm({
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
  const [name, setName] = useState(structure?.name ?? '');
  const [siret, setSiret] = useState(structure?.siret ?? '');
  const [addressLine, setAddressLine] = useState(structure?.addressLine ?? '');
  const [postalCode, setPostalCode] = useState(structure?.postalCode ?? '');
  const [city, setCity] = useState(structure?.city ?? '');
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
      name: name.trim(),
      // People often copy a SIRET with spaces: the API wants the 14 digits only.
      siret: siret.replace(/\s/g, '') || null,
      addressLine: addressLine.trim() || null,
      postalCode: postalCode.trim() || null,
      city: city.trim() || null,
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
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Nom"
              {...stateOf('name')}
              nativeInputProps={{
                ...fieldErrors.native('name', name),
                ...(nameTaken ? { 'aria-invalid': true } : {}),
                value: name,
                onChange: (event) => setName(event.target.value),
              }}
            />
            {fieldErrors.counter('name', name)}
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="SIRET (facultatif)"
              hintText="14 chiffres"
              {...stateOf('siret')}
              nativeInputProps={{
                ...fieldErrors.native('siret', siret),
                value: siret,
                onChange: (event) => setSiret(event.target.value),
                inputMode: 'numeric',
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Adresse (facultatif)"
              {...stateOf('addressLine')}
              nativeInputProps={{
                ...fieldErrors.native('addressLine', addressLine),
                value: addressLine,
                onChange: (event) => setAddressLine(event.target.value),
                autoComplete: 'off',
              }}
            />
            {fieldErrors.counter('addressLine', addressLine)}
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Code postal (facultatif)"
              hintText="5 chiffres"
              {...stateOf('postalCode')}
              nativeInputProps={{
                ...fieldErrors.native('postalCode', postalCode),
                value: postalCode,
                onChange: (event) => setPostalCode(event.target.value),
                inputMode: 'numeric',
                autoComplete: 'off',
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Commune (facultatif)"
              {...stateOf('city')}
              nativeInputProps={{
                ...fieldErrors.native('city', city),
                value: city,
                onChange: (event) => setCity(event.target.value),
                autoComplete: 'off',
              }}
            />
            {fieldErrors.counter('city', city)}
          </div>
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

/** Platform admins: the territories where Relais is deployed, and opening a new one. */
function PlatformTerritories() {
  const { data, error, loading, refetch } = useQuery(TERRITORIES_QUERY);
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState<string>();
  const territories = data?.territories ?? [];
  return (
    <section aria-labelledby="territoires" className="fr-mt-4w">
      <h2 id="territoires">Territoires</h2>
      <p>
        Les structures de chaque territoire sont gérées par les administrateurs et administratrices
        de ce territoire. Vous ouvrez les territoires et invitez la première personne qui les
        administre.
      </p>
      {opened && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={opened}
          closable
          onClose={() => setOpened(undefined)}
        />
      )}
      {opening ? (
        <TerritoryForm
          onCancel={() => setOpening(false)}
          onOpened={(text) => {
            setOpening(false);
            setOpened(text);
            void refetch();
          }}
        />
      ) : (
        <Button
          className="fr-mb-3w"
          onClick={() => {
            setOpened(undefined);
            setOpening(true);
          }}
        >
          Ouvrir un territoire
        </Button>
      )}
      {error ? (
        <PageState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <PageState loading={loading} loadingText="Chargement des territoires…" />
      ) : territories.length === 0 ? (
        <EmptyState>Aucun territoire n’est encore ouvert.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table>
            <caption>Territoires ouverts, par code</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Nom</th>
              </tr>
            </thead>
            <tbody>
              {territories.map((territory) => (
                <tr key={territory.id}>
                  <td>{territory.code}</td>
                  <td>{territory.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
