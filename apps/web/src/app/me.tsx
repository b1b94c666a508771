import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { PageState } from '../components/PageState';

export const ME_QUERY = graphql(`
  query Me {
    me {
      id
      email
      givenName
      familyName
      memberships {
        id
        role
        structure {
          id
          name
          type
          territoryId
        }
        territory {
          id
          code
          name
        }
      }
    }
  }
`);

export type Me = ResultOf<typeof ME_QUERY>['me'];
export type Role = Me['memberships'][number]['role'];

export interface MeContextValue {
  readonly me: Me;
  readonly hasRole: (...roles: Role[]) => boolean;
  /** Follows people: professional, orientation manager or structure admin. */
  readonly isCaseworker: boolean;
  /** Manages structures, accounts or API clients. */
  readonly isAdmin: boolean;
  /** The territories the account works in (by its memberships), without duplicates. */
  readonly territoryIds: readonly string[];
}

/** Those who follow people (`isCaseworker`). */
export const CASEWORKER_ROLES: readonly Role[] = [
  'PROFESSIONAL',
  'ORIENTATION_MANAGER',
  'STRUCTURE_ADMIN',
];

/** Those who administer places and accounts (`isAdmin`). */
export const ADMIN_ROLES: readonly Role[] = [
  'TERRITORY_ADMIN',
  'STRUCTURE_ADMIN',
  'PLATFORM_ADMIN',
];

const MeContext = createContext<MeContextValue | undefined>(undefined);

export function useMe(): MeContextValue {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMe outside MeProvider');
  return value;
}

/** The account signed in, or nothing on a page also shown signed out (the legal pages). */
export function useMeIfSignedIn(): MeContextValue | undefined {
  return useContext(MeContext);
}

export function MeProvider({ children }: { children: ReactNode }) {
  const { data, error, loading, refetch } = useQuery(ME_QUERY);
  if (!data) {
    return (
      <main className="fr-container fr-py-6w" id="contenu">
        <PageState loading={loading} error={error} retry={() => void refetch()} />
      </main>
    );
  }
  const me = data.me;
  const roles = new Set(me.memberships.map((m) => m.role));
  const hasRole = (...wanted: Role[]) => wanted.some((role) => roles.has(role));
  const territoryIds = [
    ...new Set(
      me.memberships
        .map((m) => m.territory?.id ?? m.structure?.territoryId)
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  return (
    <MeContext.Provider
      value={{
        me,
        hasRole,
        isCaseworker: hasRole(...CASEWORKER_ROLES),
        isAdmin: hasRole(...ADMIN_ROLES),
        territoryIds,
      }}
    >
      {children}
    </MeContext.Provider>
  );
}
