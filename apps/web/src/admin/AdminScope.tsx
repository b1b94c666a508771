import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useMemo, useState, type ReactNode } from 'react';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';

/**
 * Where an admin acts: a territory (territory admin), a structure (structure admin), or the
 * whole platform (platform admin, who manages the territory admins). The API checks every
 * request; this only picks the arguments the lists are asked with.
 */
export type AdminPlace =
  | { readonly kind: 'platform'; readonly key: string; readonly label: string }
  | {
      readonly kind: 'territory';
      readonly key: string;
      readonly label: string;
      readonly territoryId: string;
      /** A platform admin looking at one territory: only its territory admins. */
      readonly viaPlatform: boolean;
    }
  | {
      readonly kind: 'structure';
      readonly key: string;
      readonly label: string;
      readonly structureId: string;
      readonly territoryId: string;
    };

export const TERRITORIES_QUERY = graphql(`
  query AdminTerritories {
    territories {
      id
      code
      name
    }
  }
`);

/** What the structures' list shows, and what adding or editing one answers (StructureForm). */
export const STRUCTURE_FIELDS = graphql(`
  fragment StructureFields on Structure @_unmask {
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
`);

export const STRUCTURES_QUERY = graphql(
  `
    query AdminStructures($territoryId: ID!) {
      structures(territoryId: $territoryId) {
        ...StructureFields
      }
    }
  `,
  [STRUCTURE_FIELDS],
);

export function territoryLabel(territory: { name: string; code: string }): string {
  return `${territory.name} (${territory.code})`;
}

/** The arguments of `memberships`, `invitations` and `adminAuditLog` for a place. */
export function placeArgs(place: AdminPlace): { territoryId?: string; structureId?: string } {
  switch (place.kind) {
    case 'platform':
      return {};
    case 'territory':
      return { territoryId: place.territoryId };
    case 'structure':
      return { structureId: place.structureId };
  }
}

export interface AdminPlaces {
  readonly places: readonly AdminPlace[];
  readonly loading: boolean;
  readonly error?: unknown;
  readonly retry: () => void;
}

/**
 * The places the signed-in admin administers, from their memberships. With `platformTerritories`,
 * a platform admin also gets each territory (to list its territory admins).
 */
export function useAdminPlaces({
  platform = true,
  platformTerritories = false,
}: { platform?: boolean; platformTerritories?: boolean } = {}): AdminPlaces {
  const { me, hasRole } = useMe();
  const isPlatformAdmin = hasRole('PLATFORM_ADMIN');
  const wantsTerritories = platform && isPlatformAdmin && platformTerritories;
  const territories = useQuery(TERRITORIES_QUERY, { skip: !wantsTerritories });

  const places = useMemo(() => {
    const found: AdminPlace[] = [];
    const seen = new Set<string>();
    const add = (place: AdminPlace) => {
      if (seen.has(place.key)) return;
      seen.add(place.key);
      found.push(place);
    };
    for (const membership of me.memberships) {
      if (membership.role === 'TERRITORY_ADMIN' && membership.territory) {
        add({
          kind: 'territory',
          key: `territory:${membership.territory.id}`,
          label: territoryLabel(membership.territory),
          territoryId: membership.territory.id,
          viaPlatform: false,
        });
      }
    }
    for (const membership of me.memberships) {
      if (membership.role === 'STRUCTURE_ADMIN' && membership.structure) {
        add({
          kind: 'structure',
          key: `structure:${membership.structure.id}`,
          label: membership.structure.name,
          structureId: membership.structure.id,
          territoryId: membership.structure.territoryId,
        });
      }
    }
    if (platform && isPlatformAdmin) {
      add({ kind: 'platform', key: 'platform', label: 'Toute la plateforme' });
      if (wantsTerritories && !territories.error) {
        for (const territory of territories.data?.territories ?? []) {
          add({
            kind: 'territory',
            key: `territory:${territory.id}`,
            label: territoryLabel(territory),
            territoryId: territory.id,
            viaPlatform: true,
          });
        }
      }
    }
    return found;
  }, [me, platform, isPlatformAdmin, wantsTerritories, territories.data, territories.error]);

  return {
    places,
    loading: wantsTerritories && territories.loading && !territories.data,
    error: wantsTerritories ? territories.error : undefined,
    retry: () => void territories.refetch(),
  };
}

const STORAGE_KEY = 'relais.admin.place';

function storedPlaceKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The place chosen among `places`: the last one chosen in this tab (kept from page to page of
 * the administration), or the first.
 */
export function useSelectedPlace(
  places: readonly AdminPlace[],
): [AdminPlace | undefined, (key: string) => void] {
  const [key, setKey] = useState(storedPlaceKey);
  const selected = places.find((place) => place.key === key) ?? places[0];
  const select = (next: string) => {
    setKey(next);
    try {
      sessionStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
  };
  return [selected, select];
}

/** Which place the page shows: a select when there are several, a sentence otherwise. */
export function AdminPlaceSelect({
  places,
  selected,
  onSelect,
  label = 'Périmètre administré',
}: {
  places: readonly AdminPlace[];
  selected: AdminPlace;
  onSelect: (key: string) => void;
  label?: string;
}) {
  return (
    <SelectOrSentence
      label={label}
      value={selected.key}
      onChange={onSelect}
      options={places.map((place) => ({
        value: place.key,
        text: place.kind === 'structure' ? `Structure : ${place.label}` : place.label,
      }))}
      sentence={
        <>
          Périmètre administré : <strong>{selected.label}</strong>
        </>
      }
    />
  );
}

/** Which territory the page shows, for an admin of several: a select, or a sentence for one. */
export function TerritorySelect({
  territories,
  selected,
  onSelect,
}: {
  territories: readonly { id: string; label: string }[];
  selected: { id: string; label: string };
  onSelect: (id: string) => void;
}) {
  return (
    <SelectOrSentence
      label="Territoire"
      value={selected.id}
      onChange={onSelect}
      options={territories.map((t) => ({ value: t.id, text: t.label }))}
      sentence={
        <>
          Territoire : <strong>{selected.label}</strong>
        </>
      }
    />
  );
}

/** A choice among several options in a select, or the only one said in a sentence. */
function SelectOrSentence({
  label,
  value,
  onChange,
  options,
  sentence,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; text: string }[];
  sentence: ReactNode;
}) {
  if (options.length < 2) return <p className="fr-mb-3w">{sentence}</p>;
  return (
    <div className="fr-grid-row fr-mb-3w">
      <div className="fr-col-12 fr-col-md-6">
        <Select
          label={label}
          nativeSelectProps={{
            value,
            onChange: (event) => onChange(event.target.value),
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.text}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}

/** An admin page: its title, then its content for an admin, or the refusal for anyone else. */
export function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  const { isAdmin } = useMe();
  return (
    <>
      <h1>{title}</h1>
      {isAdmin ? children : <AdminAccessDenied />}
    </>
  );
}

/**
 * The lists of one place administered (its territories too for a platform admin): the places
 * are read, then the introduction, the choice of place and the lists of the place chosen.
 */
export function AdminPlaceLists({
  intro,
  children,
}: {
  intro: ReactNode;
  children: (place: AdminPlace) => ReactNode;
}) {
  const { places, loading, error, retry } = useAdminPlaces({ platformTerritories: true });
  const [place, select] = useSelectedPlace(places);
  if (error || (loading && !place)) {
    return <PageState loading={loading} error={error} retry={retry} />;
  }
  if (!place) return <AdminAccessDenied />;
  return (
    <>
      <p className="fr-text--lead">{intro}</p>
      <AdminPlaceSelect places={places} selected={place} onSelect={select} />
      {children(place)}
    </>
  );
}

/** What a caseworker without an admin role sees on an admin page. */
export function AdminAccessDenied() {
  return (
    <Alert
      severity="error"
      as="h2"
      title="Accès refusé"
      description="Cette page est réservée aux administrateurs et administratrices de structure, de territoire ou de la plateforme. Si vous devez y accéder, adressez-vous à l’administrateur ou l’administratrice de votre territoire."
    />
  );
}
