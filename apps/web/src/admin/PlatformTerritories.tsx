import { useQuery } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { EmptyState, PageState } from '../components/PageState';
import { TERRITORIES_QUERY } from './AdminScope';
import { SavedAlert } from './SavedAlert';
import { TerritoryForm } from './TerritoryForm';

/** Platform admins: the territories where Relais is deployed, and opening a new one. */
export function PlatformTerritories() {
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
      <SavedAlert message={opened} onClose={() => setOpened(undefined)} />
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
