import { useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { EmptyState, PageState } from '../components/PageState';
import { ofName } from '../components/typography';
import { STRUCTURES_QUERY } from './AdminScope';
import { structureTypeLabel } from './labels';
import { SavedAlert } from './SavedAlert';
import { type Structure, StructureForm } from './StructureForm';

type Editing = { mode: 'create' } | { mode: 'edit'; structure: Structure };

/** A territory's structures, by name; a territory admin adds and edits them (StructureForm). */
export function StructureList({
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
      <SavedAlert message={saved} onClose={() => setSaved(undefined)} />
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
