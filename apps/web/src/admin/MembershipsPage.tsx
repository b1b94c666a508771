import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, PageState } from '../components/PageState';
import { AdminPage, type AdminPlace, AdminPlaceLists, placeArgs } from './AdminScope';
import { ConfirmPanel } from './ConfirmPanel';
import { formatDate, fullName, roleLabel } from './labels';
import { ChangeRoleForm, changeableRoles } from './MembershipChanges';
import { usePlaceNames } from './usePlaceNames';
import { ofName } from '../components/typography';

export const MEMBERSHIPS_QUERY = graphql(`
  query AdminMemberships(
    $territoryId: ID
    $structureId: ID
    $includeRevoked: Boolean!
    $first: Int!
    $after: String
  ) {
    memberships(
      territoryId: $territoryId
      structureId: $structureId
      includeRevoked: $includeRevoked
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          id
          accountId
          role
          structureId
          territoryId
          createdAt
          revokedAt
          account {
            id
            givenName
            familyName
            email
            status
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const REVOKE_MEMBERSHIP = graphql(`
  mutation RevokeMembership($id: ID!) {
    revokeMembership(id: $id) {
      id
      revokedAt
    }
  }
`);

type MembershipRow = ResultOf<typeof MEMBERSHIPS_QUERY>['memberships']['edges'][number]['node'];

const PAGE_SIZE = 50;

export function MembershipsPage() {
  return (
    <AdminPage title="Rattachements et rôles">
      <AdminPlaceLists intro="Un rattachement donne à un compte un rôle dans une structure ou un territoire. Modifier son rôle ou le retirer prend effet immédiatement : les connexions en cours de la personne sont fermées.">
        {(place) => <MembershipList key={place.key} place={place} />}
      </AdminPlaceLists>
    </AdminPage>
  );
}

function MembershipList({ place }: { place: AdminPlace }) {
  const { me } = useMe();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [confirming, setConfirming] = useState<MembershipRow>();
  const [changing, setChanging] = useState<MembershipRow>();
  const [revokedText, setRevokedText] = useState<string>();
  const names = usePlaceNames(place);
  const { data, error, loading, refetch, fetchMore } = useQuery(MEMBERSHIPS_QUERY, {
    variables: { ...placeArgs(place), includeRevoked, first: PAGE_SIZE },
  });
  const [revoke, revoking] = useMutation(REVOKE_MEMBERSHIP);

  const whereOf = (row: MembershipRow) => names.placeOf(row);
  const describe = (row: MembershipRow) => `${fullName(row.account)} (${whereOf(row)})`;

  const confirmRevoke = async (row: MembershipRow) => {
    try {
      await revoke({ variables: { id: row.id } });
    } catch {
      return; // The error is shown in the confirmation panel.
    }
    setConfirming(undefined);
    setRevokedText(
      `Rattachement retiré : ${fullName(row.account)} n’a plus le rôle ${roleLabel(row.role)} (${whereOf(row)}). Ses connexions en cours ont été fermées.`,
    );
    void refetch();
  };

  const loadMore = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        memberships: withMoreEdges(previous.memberships, fetchMoreResult.memberships),
      }),
    });

  const rows = data?.memberships.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.memberships.pageInfo;

  return (
    <>
      <Checkbox
        className="fr-mb-2w"
        options={[
          {
            label: 'Afficher les rattachements retirés',
            nativeInputProps: {
              checked: includeRevoked,
              onChange: (event) => setIncludeRevoked(event.target.checked),
            },
          },
        ]}
      />
      {revokedText && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={revokedText}
          closable
          onClose={() => setRevokedText(undefined)}
        />
      )}
      {changing && (
        <ChangeRoleForm
          key={changing.id}
          membership={changing}
          roles={changeableRoles(changing, place)}
          where={whereOf(changing)}
          onChanged={(text) => {
            setChanging(undefined);
            setRevokedText(text);
            void refetch();
          }}
          onCancel={() => setChanging(undefined)}
        />
      )}
      {confirming && (
        <ConfirmPanel
          title={`Retirer le rattachement ${ofName(fullName(confirming.account))} ?`}
          confirmLabel="Confirmer le retrait"
          busy={revoking.loading}
          error={revoking.error}
          onConfirm={() => void confirmRevoke(confirming)}
          onCancel={() => {
            setConfirming(undefined);
            revoking.reset();
          }}
        >
          <p className="fr-mb-1w">
            {fullName(confirming.account)} perdra le rôle{' '}
            <strong>{roleLabel(confirming.role)}</strong> ({whereOf(confirming)}). L’effet est
            immédiat : ses connexions en cours seront fermées et la personne ne pourra plus agir à
            ce titre.
          </p>
          <p className="fr-mb-0">Ses autres rattachements éventuels ne changent pas.</p>
        </ConfirmPanel>
      )}
      {error ? (
        <PageState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <PageState loading={loading} loadingText="Chargement des rattachements…" />
      ) : rows.length === 0 ? (
        <EmptyState>
          {includeRevoked
            ? 'Aucun rattachement, actif ou retiré, pour ce périmètre.'
            : 'Aucun rattachement actif pour ce périmètre.'}
        </EmptyState>
      ) : (
        <>
          <div className="fr-table relais-table-wrap">
            <table>
              <caption>
                Rattachements — {place.label}
                {includeRevoked ? ', y compris les rattachements retirés' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Structure ou territoire</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Depuis le</th>
                  <th scope="col">État</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      {fullName(row.account)}
                      <br />
                      <span className="fr-text--sm">{row.account.email}</span>
                      {row.account.status === 'DISABLED' && (
                        <>
                          <br />
                          <Badge small severity="warning" as="span">
                            Compte désactivé
                          </Badge>
                        </>
                      )}
                    </td>
                    <td>{whereOf(row)}</td>
                    <td>{roleLabel(row.role)}</td>
                    <td>{formatDate(row.createdAt)}</td>
                    <td>
                      {row.revokedAt ? (
                        <Badge small severity="error" as="span">
                          {`Retiré le ${formatDate(row.revokedAt)}`}
                        </Badge>
                      ) : (
                        <Badge small severity="success" as="span">
                          Actif
                        </Badge>
                      )}
                    </td>
                    <td>
                      {row.revokedAt ? null : row.accountId === me.id ? (
                        <span className="fr-text--sm">Votre rattachement</span>
                      ) : (
                        <div className="relais-actions">
                          {changeableRoles(row, place).length > 0 && (
                            <Button
                              priority="secondary"
                              size="small"
                              nativeButtonProps={{
                                'aria-label': `Modifier le rôle de ${describe(row)}`,
                              }}
                              onClick={() => {
                                setConfirming(undefined);
                                setRevokedText(undefined);
                                setChanging(row);
                              }}
                            >
                              Modifier le rôle
                            </Button>
                          )}
                          <Button
                            priority="secondary"
                            size="small"
                            nativeButtonProps={{
                              'aria-label': `Retirer le rattachement de ${describe(row)}`,
                            }}
                            onClick={() => {
                              revoking.reset();
                              setRevokedText(undefined);
                              setChanging(undefined);
                              setConfirming(row);
                            }}
                          >
                            Retirer le rattachement
                          </Button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreButton pageInfo={pageInfo} onMore={loadMore} showError>
            Voir plus de rattachements
          </LoadMoreButton>
        </>
      )}
    </>
  );
}
