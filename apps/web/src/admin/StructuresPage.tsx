import { useMemo, useState } from 'react';
import { useMe } from '../app/me';
import { AdminPage, territoryLabel, TerritorySelect } from './AdminScope';
import { PlatformTerritories } from './PlatformTerritories';
import { StructureList } from './StructureList';

/**
 * The structures of the territories one administers (StructureList, its form StructureForm),
 * and for platform admins the territories opened (PlatformTerritories).
 */
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
