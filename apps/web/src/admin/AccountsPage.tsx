import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMemo, useState, type FormEvent } from 'react';
import { codeOf, reasonOf } from '../api/errors';
import { graphql, type ResultOf } from '../api/graphql';
import { type Role, useMe } from '../app/me';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, MutationError, PageState } from '../components/PageState';
import { AdminPage, type AdminPlace, AdminPlaceLists, placeArgs } from './AdminScope';
import { ConfirmPanel } from './ConfirmPanel';
import {
  formatDate,
  fullName,
  grantableRoles,
  POWERFUL_ROLES,
  roleLabel,
  STRUCTURE_ROLES,
} from './labels';
import { AddMembershipForm } from './MembershipChanges';
import { GrantConfirmation, RoleSelect, StructureChoice, TerritoryChoice } from './RoleChoice';
import { MEMBERSHIPS_QUERY } from './MembershipsPage';
import { usePlaceNames, type PlaceNames } from './usePlaceNames';
import { ofName } from '../components/typography';
import { INPUT_RULES } from '../forms/field-check';
import { FormFooter } from '../forms/FormFooter';
import { useFieldErrors } from '../forms/useFieldErrors';

const INVITATIONS_QUERY = graphql(`
  query AdminInvitations($territoryId: ID, $structureId: ID, $first: Int!, $after: String) {
    invitations(
      territoryId: $territoryId
      structureId: $structureId
      first: $first
      after: $after
    ) {
      edges {
        cursor
        node {
          id
          accepted
          createdAt
          invitedByAccountId
          account {
            id
            givenName
            familyName
            email
            status
          }
          membership {
            id
            role
            structureId
            territoryId
            revokedAt
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

const INVITE_ACCOUNT = graphql(`
  mutation InviteAccount($input: InviteAccountInput!) {
    inviteAccount(input: $input) {
      id
      accountId
      email
      membership {
        id
        role
        structureId
        territoryId
      }
    }
  }
`);

const RESEND_INVITATION = graphql(`
  mutation ResendInvitation($invitationId: ID!) {
    resendInvitation(invitationId: $invitationId)
  }
`);

/** Why a resend was refused, in the admin's words; undefined for the generic message. */
function resendRefusal(error: unknown): string | undefined {
  switch (reasonOf(error)) {
    case 'INVITATION_ACCEPTED':
      return 'Cette personne s’est déjà connectée à Relais : l’invitation n’a plus besoin d’être renvoyée.';
    case 'INVITATION_REVOKED':
      return 'Ce rattachement a été retiré : l’invitation ne peut plus être renvoyée.';
    default:
      return undefined;
  }
}

const DISABLE_ACCOUNT = graphql(`
  mutation DisableAccount($id: ID!) {
    disableAccount(id: $id) {
      id
      status
    }
  }
`);

const ENABLE_ACCOUNT = graphql(`
  mutation EnableAccount($id: ID!) {
    enableAccount(id: $id) {
      id
      status
    }
  }
`);

type MembershipRow = ResultOf<typeof MEMBERSHIPS_QUERY>['memberships']['edges'][number]['node'];
type AccountRow = MembershipRow['account'] & { memberships: MembershipRow[] };

const INVITE_LABELS = {
  'invitee.givenName': 'Prénom',
  'invitee.familyName': 'Nom',
  'invitee.email': 'Adresse électronique',
  role: 'Rôle',
  structureId: 'Structure',
  territoryId: 'Territoire',
};

/** The invitee's rules (InviteeInput's, the API's own) and the choices the form asks for. */
const INVITE_RULES = {
  'invitee.givenName': INPUT_RULES.InviteeInput.givenName,
  'invitee.familyName': INPUT_RULES.InviteeInput.familyName,
  'invitee.email': INPUT_RULES.InviteeInput.email,
  role: { required: true },
  structureId: { required: true },
  territoryId: { required: true },
};

const INVITE_IDS = {
  'invitee.givenName': 'invitation-prenom',
  'invitee.familyName': 'invitation-nom',
  'invitee.email': 'invitation-courriel',
};

const INVITE_HINTS = {
  role: 'Choisissez le rôle de la personne.',
  structureId: 'Choisissez la structure de la personne.',
  territoryId: 'Choisissez le territoire de la personne.',
};

const INVITATIONS_PAGE = 20;
const ACCOUNTS_PAGE = 100;

export function AccountsPage() {
  return (
    <AdminPage title="Comptes et invitations">
      <AdminPlaceLists intro="Invitez les personnes qui doivent utiliser Relais et gérez leurs comptes. Une personne invitée se connecte avec l’adresse électronique indiquée.">
        {(place) => <PlaceAccounts key={place.key} place={place} />}
      </AdminPlaceLists>
    </AdminPage>
  );
}

function useInvitations(place: AdminPlace) {
  return useQuery(INVITATIONS_QUERY, {
    variables: { ...placeArgs(place), first: INVITATIONS_PAGE },
  });
}

/** The accounts come from the active memberships of the place, grouped by account. */
function useAccountMemberships(place: AdminPlace) {
  return useQuery(MEMBERSHIPS_QUERY, {
    variables: { ...placeArgs(place), includeRevoked: false, first: ACCOUNTS_PAGE },
  });
}

function PlaceAccounts({ place }: { place: AdminPlace }) {
  const names = usePlaceNames(place);
  const invitations = useInvitations(place);
  const memberships = useAccountMemberships(place);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<string>();

  // Names of the admins who invited, when they are listed here.
  const accountNames = useMemo(() => {
    const map = new Map<string, string>();
    if (!memberships.error) {
      for (const edge of memberships.data?.memberships.edges ?? [])
        map.set(edge.node.accountId, fullName(edge.node.account));
    }
    return map;
  }, [memberships.data, memberships.error]);

  return (
    <>
      <section aria-labelledby="inviter" className="fr-mb-6w">
        <h2 id="inviter">Inviter une personne</h2>
        {invited && (
          <Alert
            severity="success"
            small
            className="fr-mb-3w"
            description={invited}
            closable
            onClose={() => setInvited(undefined)}
          />
        )}
        {inviting ? (
          <InviteForm
            place={place}
            names={names}
            onCancel={() => setInviting(false)}
            onInvited={(text) => {
              setInviting(false);
              setInvited(text);
              void invitations.refetch();
              void memberships.refetch();
            }}
          />
        ) : (
          <Button
            onClick={() => {
              setInvited(undefined);
              setInviting(true);
            }}
          >
            Inviter une personne
          </Button>
        )}
      </section>

      <section aria-labelledby="invitations" className="fr-mb-6w">
        <h2 id="invitations">Invitations</h2>
        <InvitationList
          place={place}
          names={names}
          accountNames={accountNames}
          query={invitations}
        />
      </section>

      <section aria-labelledby="comptes">
        <h2 id="comptes">Comptes</h2>
        <AccountList place={place} names={names} query={memberships} />
      </section>
    </>
  );
}

function InviteForm({
  place,
  names,
  onCancel,
  onInvited,
}: {
  place: AdminPlace;
  names: PlaceNames;
  onCancel: () => void;
  onInvited: (text: string) => void;
}) {
  const roles = grantableRoles(place);
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [email, setEmail] = useState('');
  // No silent default: with a choice, the admin picks the role ("Choisir un rôle" until then).
  const [role, setRole] = useState<Role | ''>(roles.length === 1 ? (roles[0] ?? '') : '');
  const [confirming, setConfirming] = useState(false);
  const [structureId, setStructureId] = useState(
    place.kind === 'structure' ? place.structureId : '',
  );
  const [territoryId, setTerritoryId] = useState(
    place.kind === 'territory' ? place.territoryId : '',
  );
  const [invite, { loading }] = useMutation(INVITE_ACCOUNT);
  const [error, setError] = useState<unknown>();
  const fieldErrors = useFieldErrors({
    rules: INVITE_RULES,
    labels: INVITE_LABELS,
    idPrefix: 'invitation',
    ids: INVITE_IDS,
    hints: INVITE_HINTS,
  });

  const needsStructure = role !== '' && STRUCTURE_ROLES.includes(role);
  const picksStructure = needsStructure && place.kind === 'territory';
  const picksTerritory = !needsStructure && place.kind === 'platform';
  // Checked as sent: trimmed; a place only when the form asks for it.
  const values = {
    'invitee.givenName': givenName.trim(),
    'invitee.familyName': familyName.trim(),
    'invitee.email': email.trim(),
    role,
    ...(picksStructure ? { structureId } : {}),
    ...(picksTerritory ? { territoryId } : {}),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!fieldErrors.check(values) || !role) return;
    if (POWERFUL_ROLES.includes(role)) setConfirming(true);
    else void send(role);
  };

  const send = async (chosen: Role) => {
    const input = {
      invitee: { givenName: givenName.trim(), familyName: familyName.trim(), email: email.trim() },
      role: chosen,
      ...(needsStructure
        ? { structureId: structureId || null }
        : { territoryId: territoryId || null }),
    };
    let result;
    try {
      result = await invite({ variables: { input } });
    } catch (caught: unknown) {
      setConfirming(false);
      if (!fieldErrors.refused(caught, values)) setError(caught); // Shown below the form.
      return;
    }
    const membership = result.data?.inviteAccount.membership;
    const where = membership ? names.placeOf(membership) : '';
    onInvited(
      `Invitation enregistrée : ${input.invitee.givenName} ${input.invitee.familyName} (${input.invitee.email}) reçoit le rôle ${roleLabel(chosen)}${where ? ` — ${where}` : ''}. La personne peut se connecter à Relais avec cette adresse.`,
    );
  };

  if (confirming && role) {
    const where = needsStructure
      ? names.placeOf({ structureId: structureId || null })
      : names.placeOf({ territoryId: territoryId || null });
    return (
      <GrantConfirmation
        person={{ givenName, familyName, email }}
        role={role}
        where={where}
        busy={loading}
        error={undefined}
        onConfirm={() => void send(role)}
        onCancel={() => setConfirming(false)}
      >
        <p className="fr-mb-1w">Une invitation lui sera envoyée par courriel.</p>
      </GrantConfirmation>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="inviter">
      {fieldErrors.summary}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Prénom"
            {...fieldErrors.state('invitee.givenName')}
            nativeInputProps={{
              ...fieldErrors.native('invitee.givenName', givenName),
              value: givenName,
              onChange: (event) => setGivenName(event.target.value),
              'aria-required': true,
              autoComplete: 'off',
            }}
          />
          {fieldErrors.counter('invitee.givenName', givenName)}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom"
            {...fieldErrors.state('invitee.familyName')}
            nativeInputProps={{
              ...fieldErrors.native('invitee.familyName', familyName),
              value: familyName,
              onChange: (event) => setFamilyName(event.target.value),
              'aria-required': true,
              autoComplete: 'off',
            }}
          />
          {fieldErrors.counter('invitee.familyName', familyName)}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Adresse électronique"
            hintText="Professionnelle, par exemple prenom.nom@structure.fr"
            {...fieldErrors.state('invitee.email')}
            nativeInputProps={{
              ...fieldErrors.native('invitee.email', email),
              type: 'email',
              value: email,
              onChange: (event) => setEmail(event.target.value),
              'aria-required': true,
              autoComplete: 'off',
            }}
          />
          {fieldErrors.counter('invitee.email', email)}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          {roles.length > 1 ? (
            <RoleSelect
              roles={roles}
              value={role}
              onChange={setRole}
              error={fieldErrors.state('role').stateRelatedMessage}
              native={fieldErrors.native('role')}
            />
          ) : (
            <p className="fr-mt-4w">
              Rôle : <strong>{roleLabel(role)}</strong>
            </p>
          )}
        </div>
        {picksStructure && (
          <div className="fr-col-12 fr-col-md-6">
            <StructureChoice
              structures={names.structures}
              value={structureId}
              onChange={setStructureId}
              fieldErrors={fieldErrors}
            />
          </div>
        )}
        {needsStructure && place.kind === 'structure' && (
          <div className="fr-col-12 fr-col-md-6">
            <p className="fr-mt-md-4w">
              Structure : <strong>{place.label}</strong>
            </p>
          </div>
        )}
        {picksTerritory && (
          <div className="fr-col-12 fr-col-md-6">
            <TerritoryChoice
              value={territoryId}
              onChange={setTerritoryId}
              fieldErrors={fieldErrors}
            />
          </div>
        )}
        {!needsStructure && place.kind === 'territory' && (
          <div className="fr-col-12 fr-col-md-6">
            <p className="fr-mt-md-4w">
              Territoire : <strong>{place.label}</strong>
            </p>
          </div>
        )}
      </div>
      <FormFooter
        error={error}
        conflict="Cette personne a déjà ce rôle à cet endroit : aucune nouvelle invitation n’est nécessaire."
        labels={INVITE_LABELS}
        submitLabel="Envoyer l’invitation"
        onCancel={onCancel}
        busy={loading}
      />
    </form>
  );
}

function InvitationList({
  place,
  names,
  accountNames,
  query,
}: {
  place: AdminPlace;
  names: PlaceNames;
  accountNames: ReadonlyMap<string, string>;
  query: ReturnType<typeof useInvitations>;
}) {
  const { data, error, loading, refetch, fetchMore } = query;
  const [resend, resending] = useMutation(RESEND_INVITATION);
  const [resendingId, setResendingId] = useState<string>();
  const [resent, setResent] = useState<string>();
  if (error) return <PageState error={error} retry={() => void refetch()} />;
  if (!data) return <PageState loading={loading} loadingText="Chargement des invitations…" />;
  const rows = data.invitations.edges.map((edge) => edge.node);
  if (rows.length === 0) {
    return <EmptyState>Aucune invitation n’a encore été envoyée pour ce périmètre.</EmptyState>;
  }
  const loadMore = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        invitations: withMoreEdges(previous.invitations, fetchMoreResult.invitations),
      }),
    });
  const resendTo = async (row: (typeof rows)[number]) => {
    setResent(undefined);
    resending.reset();
    setResendingId(row.id);
    try {
      await resend({ variables: { invitationId: row.id } });
      setResent(`Invitation renvoyée à ${fullName(row.account)} (${row.account.email}).`);
    } catch {
      void refetch(); // The refusal is shown above the list; the row's state may have changed.
    } finally {
      setResendingId(undefined);
    }
  };
  const refusal = resending.error === undefined ? undefined : resendRefusal(resending.error);
  return (
    <>
      {resent && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={resent}
          closable
          onClose={() => setResent(undefined)}
        />
      )}
      {resending.error !== undefined &&
        (refusal ? (
          <Alert severity="error" small className="fr-mb-3w" description={refusal} />
        ) : (
          <MutationError error={resending.error} />
        ))}
      <div className="fr-table relais-table-wrap">
        <table>
          <caption>Invitations — {place.label}, les plus récentes d’abord</caption>
          <thead>
            <tr>
              <th scope="col">Personne invitée</th>
              <th scope="col">Rôle</th>
              <th scope="col">Structure ou territoire</th>
              <th scope="col">Invitée le</th>
              <th scope="col">Par</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  {fullName(row.account)}
                  <br />
                  <span className="fr-text--sm">{row.account.email}</span>
                </td>
                <td>{roleLabel(row.membership.role)}</td>
                <td>{names.placeOf(row.membership)}</td>
                <td>{formatDate(row.createdAt)}</td>
                <td>
                  {accountNames.get(row.invitedByAccountId) ??
                    'Un administrateur ou une administratrice'}
                </td>
                <td>
                  {row.membership.revokedAt ? (
                    <Badge small severity="error" as="span">
                      Rattachement retiré
                    </Badge>
                  ) : row.accepted ? (
                    <Badge small severity="success" as="span">
                      Connectée
                    </Badge>
                  ) : (
                    <Badge small severity="info" as="span">
                      En attente de première connexion
                    </Badge>
                  )}
                </td>
                <td>
                  {!row.membership.revokedAt && !row.accepted && (
                    <Button
                      priority="secondary"
                      size="small"
                      disabled={resendingId === row.id}
                      nativeButtonProps={{
                        'aria-label': `Renvoyer l’invitation à ${fullName(row.account)}`,
                      }}
                      onClick={() => void resendTo(row)}
                    >
                      Renvoyer l’invitation
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreButton pageInfo={data.invitations.pageInfo} onMore={loadMore} showError>
        Voir plus d’invitations
      </LoadMoreButton>
    </>
  );
}

function AccountList({
  place,
  names,
  query,
}: {
  place: AdminPlace;
  names: PlaceNames;
  query: ReturnType<typeof useAccountMemberships>;
}) {
  const { me } = useMe();
  const { data, error, loading, refetch, fetchMore } = query;
  const [confirming, setConfirming] = useState<AccountRow>();
  const [adding, setAdding] = useState<AccountRow>();
  const [done, setDone] = useState<string>();
  const [disable, disabling] = useMutation(DISABLE_ACCOUNT);
  const [enable, enabling] = useMutation(ENABLE_ACCOUNT);
  const [enablingId, setEnablingId] = useState<string>();

  const accounts = useMemo(() => {
    const byId = new Map<string, AccountRow>();
    for (const edge of data?.memberships.edges ?? []) {
      const row = edge.node;
      const account = byId.get(row.accountId) ?? { ...row.account, memberships: [] };
      account.memberships.push(row);
      byId.set(row.accountId, account);
    }
    return [...byId.values()];
  }, [data]);

  if (error) return <PageState error={error} retry={() => void refetch()} />;
  if (!data) return <PageState loading={loading} loadingText="Chargement des comptes…" />;

  const confirmDisable = async (account: AccountRow) => {
    try {
      await disable({ variables: { id: account.id } });
    } catch {
      return; // Shown in the confirmation panel.
    }
    setConfirming(undefined);
    setDone(
      `Compte désactivé : ${fullName(account)} ne peut plus se connecter, et ses connexions en cours ont été fermées.`,
    );
    void refetch();
  };

  const reenable = async (account: AccountRow) => {
    setDone(undefined);
    setEnablingId(account.id);
    try {
      await enable({ variables: { id: account.id } });
      setDone(`Compte réactivé : ${fullName(account)} peut de nouveau se connecter.`);
      void refetch();
    } catch {
      // Shown above the list.
    } finally {
      setEnablingId(undefined);
    }
  };

  const loadMore = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        memberships: withMoreEdges(previous.memberships, fetchMoreResult.memberships),
      }),
    });

  return (
    <>
      <p>
        Désactiver un compte l’empêche aussitôt de se connecter, partout où il est rattaché. Vous ne
        pouvez désactiver que les comptes dont vous administrez tous les rattachements.
      </p>
      {done && (
        <Alert
          severity="success"
          small
          className="fr-mb-3w"
          description={done}
          closable
          onClose={() => setDone(undefined)}
        />
      )}
      {enabling.error !== undefined && <AccountActionError error={enabling.error} />}
      {adding && (
        <AddMembershipForm
          key={adding.id}
          account={adding}
          place={place}
          names={names}
          onAdded={(text) => {
            setAdding(undefined);
            setDone(text);
            void refetch();
          }}
          onCancel={() => setAdding(undefined)}
        />
      )}
      {confirming && (
        <ConfirmPanel
          title={`Désactiver le compte ${ofName(fullName(confirming))} ?`}
          confirmLabel="Confirmer la désactivation"
          busy={disabling.loading}
          error={undefined}
          onConfirm={() => void confirmDisable(confirming)}
          onCancel={() => {
            setConfirming(undefined);
            disabling.reset();
          }}
        >
          <p className="fr-mb-0">
            {fullName(confirming)} ({confirming.email}) ne pourra plus se connecter à Relais : ses
            connexions en cours seront fermées immédiatement. Ses rattachements sont conservés et le
            compte pourra être réactivé.
          </p>
          {disabling.error !== undefined && <AccountActionError error={disabling.error} />}
        </ConfirmPanel>
      )}
      {accounts.length === 0 ? (
        <EmptyState>Aucun compte n’est rattaché à ce périmètre.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table>
            <caption>Comptes rattachés — {place.label}, par nom de famille</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Rattachements</th>
                <th scope="col">État du compte</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    {fullName(account)}
                    <br />
                    <span className="fr-text--sm">{account.email}</span>
                  </td>
                  <td>
                    <ul className="fr-my-0">
                      {account.memberships.map((membership) => (
                        <li key={membership.id}>
                          {roleLabel(membership.role)} — {names.placeOf(membership)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {account.status === 'DISABLED' ? (
                      <Badge small severity="error" as="span">
                        Désactivé
                      </Badge>
                    ) : (
                      <Badge small severity="success" as="span">
                        Actif
                      </Badge>
                    )}
                  </td>
                  <td>
                    {account.id === me.id ? (
                      <span className="fr-text--sm">Votre compte</span>
                    ) : account.status === 'DISABLED' ? (
                      <Button
                        priority="secondary"
                        size="small"
                        disabled={enablingId === account.id}
                        nativeButtonProps={{
                          'aria-label': `Réactiver le compte ${ofName(fullName(account))}`,
                        }}
                        onClick={() => void reenable(account)}
                      >
                        Réactiver le compte
                      </Button>
                    ) : (
                      <div className="relais-actions">
                        {place.kind !== 'structure' && (
                          <Button
                            priority="secondary"
                            size="small"
                            nativeButtonProps={{
                              'aria-label': `Ajouter un rattachement à ${fullName(account)}`,
                            }}
                            onClick={() => {
                              setConfirming(undefined);
                              setDone(undefined);
                              setAdding(account);
                            }}
                          >
                            Ajouter un rattachement
                          </Button>
                        )}
                        <Button
                          priority="secondary"
                          size="small"
                          nativeButtonProps={{
                            'aria-label': `Désactiver le compte ${ofName(fullName(account))}`,
                          }}
                          onClick={() => {
                            disabling.reset();
                            enabling.reset();
                            setDone(undefined);
                            setAdding(undefined);
                            setConfirming(account);
                          }}
                        >
                          Désactiver le compte
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMoreButton pageInfo={data.memberships.pageInfo} onMore={loadMore} showError>
        Voir plus de comptes
      </LoadMoreButton>
    </>
  );
}

/** A refused disable or enable usually means the account also works where you do not administer. */
function AccountActionError({ error }: { error: unknown }) {
  if (codeOf(error) === 'FORBIDDEN') {
    return (
      <Alert
        severity="error"
        small
        className="fr-my-2w"
        description="Vous ne pouvez pas changer ce compte : il est aussi rattaché à des structures ou des territoires que vous n’administrez pas. Adressez-vous à l’administrateur ou l’administratrice de territoire."
      />
    );
  }
  return <MutationError error={error} />;
}
