import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useMe } from '../app/me';
import { STRUCTURES_QUERY, TERRITORIES_QUERY, territoryLabel, type AdminPlace } from './AdminScope';

export interface PlaceNames {
  /** "France Travail Nantes Centre", "Territoire Loire-Atlantique (44)", or "Plateforme". */
  readonly placeOf: (where: { structureId?: string | null; territoryId?: string | null }) => string;
  readonly structureName: (id: string) => string | undefined;
  readonly territoryName: (id: string) => string | undefined;
  /** The structures of the place's territory (none for the platform). */
  readonly structures: ResultStructures;
}

type ResultStructures = readonly { id: string; name: string }[];

/**
 * Names for the ids the admin lists carry: the structures of the place's territory, and the
 * territories (all of them for a platform admin, else those of the account's memberships).
 */
export function usePlaceNames(place: AdminPlace): PlaceNames {
  const { me } = useMe();
  const territoryId =
    place.kind === 'platform' || (place.kind === 'territory' && place.viaPlatform)
      ? undefined
      : place.territoryId;
  const structures = useQuery(STRUCTURES_QUERY, {
    variables: { territoryId: territoryId ?? '' },
    skip: !territoryId,
  });
  const territories = useQuery(TERRITORIES_QUERY, { skip: Boolean(territoryId) });

  return useMemo(() => {
    const structureNames = new Map<string, string>();
    // A failed query leaves ids unnamed rather than showing what access may have been withdrawn from.
    const structureList = structures.error ? [] : (structures.data?.structures ?? []);
    for (const structure of structureList) structureNames.set(structure.id, structure.name);
    const territoryNames = new Map<string, string>();
    for (const membership of me.memberships) {
      if (membership.territory)
        territoryNames.set(membership.territory.id, territoryLabel(membership.territory));
      if (membership.structure && !structureNames.has(membership.structure.id))
        structureNames.set(membership.structure.id, membership.structure.name);
    }
    if (!territories.error) {
      for (const territory of territories.data?.territories ?? [])
        territoryNames.set(territory.id, territoryLabel(territory));
    }
    const structureName = (id: string) => structureNames.get(id);
    const territoryName = (id: string) => territoryNames.get(id);
    return {
      structureName,
      territoryName,
      structures: structureList,
      placeOf: ({ structureId, territoryId: territory }) => {
        if (structureId) return structureName(structureId) ?? 'Structure non listée';
        if (territory) return `Territoire ${territoryName(territory) ?? 'non listé'}`;
        return 'Plateforme';
      },
    };
  }, [me, structures.data, structures.error, territories.data, territories.error]);
}
