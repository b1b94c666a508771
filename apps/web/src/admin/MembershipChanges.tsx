import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { graphql } from '../api/graphql';
import type { Role } from '../app/me';
import { FormActions } from '../components/FormActions';
import type { AdminPlace } from './AdminScope';
import { fullName, grantableRoles, POWERFUL_ROLES, roleLabel, STRUCTURE_ROLES } from './labels';
import {
  ChangeError,
  GrantConfirmation,
  type Person,
  StructureChoice,
  RoleSelect,
  TerritoryChoice,
} from './RoleChoice';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import type { PlaceNames } from './usePlaceNames';
import { ofName } from '../components/typography';

const CHANGE_ROLE = graphql(`
  mutation ChangeMembershipRole($input: ChangeMembershipRoleInput!) {
    changeMembershipRole(input: $input) {
      id
      role
    }
  }
`);

const ADD_MEMBERSHIP = graphql(`
  mutation AddMembership($input: AddMembershipInput!) {
    addMembership(input: $input) {
      id
      role
      structureId
      territoryId
    }
  }
`);

/** A panel whose heading takes the focus when it opens, for keyboard and screen-reader users. */
function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className="fr-p-3w fr-mb-3w"
      style={{ border: '1px solid var(--border-default-grey)' }}
      aria-labelledby={id}
    >
      <h2 id={id} className="fr-h5" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The other roles a membership can take here, as the caller may grant them. */
export function changeableRoles(
  membership: { role: string; structureId: string | null },
  place: AdminPlace,
): Role[] {
  if (!membership.structureId) return [];
  return grantableRoles(place).filter(
    (role) => STRUCTURE_ROLES.includes(role) && role !== membership.role,
  );
}

const ROLE_LABELS = { role: 'Rôle' };

/** A membership's role, and where it is held when the admin's place leaves a choice. */
const ADD_RULES = {
  ...INPUT_RULES.AddMembershipInput,
  structureId: { required: true },
  territoryId: { required: true },
};

const ADD_LABELS = { role: 'Rôle', structureId: 'Structure', territoryId: 'Territoire' };

const ADD_HINTS = {
  role: 'Choisissez un rôle.',
  structureId: 'Choisissez une structure.',
  territoryId: 'Choisissez un territoire.',
};

/** Another role for one membership, at the same place; an admin role is confirmed first. */
export function ChangeRoleForm({
  membership,
  roles,
  where,
  onChanged,
  onCancel,
}: {
  membership: { id: string; role: string; account: Person };
  roles: readonly Role[];
  where: string;
  onChanged: (text: string) => void;
  onCancel: () => void;
}) {
  const [role, setRole] = useState<Role | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [change, { loading, error, reset }] = useMutation(CHANGE_ROLE);
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.ChangeMembershipRoleInput,
    labels: ROLE_LABELS,
    idPrefix: 'nouveau-role',
    hints: { role: 'Choisissez le nouveau rôle.' },
  });
  const person = membership.account;

  const send = async (chosen: Role) => {
    try {
      await change({ variables: { input: { membershipId: membership.id, role: chosen } } });
    } catch {
      return; // Shown in the form or the confirmation.
    }
    onChanged(
      `Rôle modifié : ${fullName(person)} est désormais ${roleLabel(chosen)} (${where}), au lieu de ${roleLabel(membership.role)}. Ses connexions en cours ont été fermées pour appliquer ses nouveaux droits.`,
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (!fieldErrors.check({ role }) || !role) return;
    if (POWERFUL_ROLES.includes(role)) setConfirming(true);
    else void send(role);
  };

  if (confirming && role) {
    return (
      <GrantConfirmation
        person={person}
        role={role}
        where={where}
        busy={loading}
        error={error}
        onConfirm={() => void send(role)}
        onCancel={() => {
          reset();
          setConfirming(false);
        }}
      >
        <p className="fr-mb-1w">Ce rôle remplace le rôle actuel ({roleLabel(membership.role)}).</p>
      </GrantConfirmation>
    );
  }
  return (
    <Panel id="relais-role-change-title" title={`Modifier le rôle ${ofName(fullName(person))}`}>
      <p>
        Rôle actuel : <strong>{roleLabel(membership.role)}</strong> ({where}). Le nouveau rôle
        remplace l’actuel ; l’équipe de suivi et l’historique de la personne sont conservés. Pour
        cumuler deux rôles, ajoutez plutôt un rattachement depuis la page « Comptes et
        invitations ».
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="relais-role-change-title">
        {fieldErrors.summary}
        <RoleSelect
          roles={roles}
          value={role}
          onChange={setRole}
          error={fieldErrors.state('role').stateRelatedMessage}
          native={fieldErrors.native('role')}
        />
        <ChangeError error={error} />
        <FormActions
          submitLabel="Enregistrer le rôle"
          onCancel={onCancel}
          disabled={loading}
          cancelDisabled={loading}
        />
      </form>
    </Panel>
  );
}

/** One more membership for a known account, without invitation; an admin role is confirmed first. */
export function AddMembershipForm({
  account,
  place,
  names,
  onAdded,
  onCancel,
}: {
  account: Person & { id: string };
  place: AdminPlace;
  names: PlaceNames;
  onAdded: (text: string) => void;
  onCancel: () => void;
}) {
  const roles = grantableRoles(place);
  const [role, setRole] = useState<Role | ''>(roles.length === 1 ? (roles[0] ?? '') : '');
  const [structureId, setStructureId] = useState(
    place.kind === 'structure' ? place.structureId : '',
  );
  const [territoryId, setTerritoryId] = useState(
    place.kind === 'territory' ? place.territoryId : '',
  );
  const [confirming, setConfirming] = useState(false);
  const [add, { loading, error, reset }] = useMutation(ADD_MEMBERSHIP);
  const fieldErrors = useFieldErrors({
    rules: ADD_RULES,
    labels: ADD_LABELS,
    idPrefix: 'rattachement',
    hints: ADD_HINTS,
  });

  const needsStructure = role !== '' && STRUCTURE_ROLES.includes(role);
  const picksStructure = needsStructure && place.kind === 'territory';
  const picksTerritory = role === 'TERRITORY_ADMIN' && place.kind === 'platform';
  const where = needsStructure
    ? names.placeOf({ structureId })
    : names.placeOf({ territoryId: territoryId || null });

  const send = async (chosen: Role) => {
    const input = {
      accountId: account.id,
      role: chosen,
      ...(needsStructure ? { structureId } : { territoryId }),
    };
    try {
      await add({ variables: { input } });
    } catch {
      return; // Shown in the form or the confirmation.
    }
    onAdded(
      `Rattachement ajouté : ${fullName(account)} est désormais aussi ${roleLabel(chosen)} — ${where}. Aucune invitation n’a été envoyée ; ses connexions en cours ont été fermées pour appliquer ses nouveaux droits.`,
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    const values = {
      role,
      ...(picksStructure ? { structureId } : {}),
      ...(picksTerritory ? { territoryId } : {}),
    };
    if (!fieldErrors.check(values) || !role) return;
    if (POWERFUL_ROLES.includes(role)) setConfirming(true);
    else void send(role);
  };

  if (confirming && role) {
    return (
      <GrantConfirmation
        person={account}
        role={role}
        where={where}
        busy={loading}
        error={error}
        onConfirm={() => void send(role)}
        onCancel={() => {
          reset();
          setConfirming(false);
        }}
      />
    );
  }
  return (
    <Panel
      id="relais-add-membership-title"
      title={`Ajouter un rattachement à ${fullName(account)}`}
    >
      <p>
        Le compte existe déjà : le nouveau rattachement s’ajoute à ceux qu’il a, sans nouvelle
        invitation ni courriel.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="relais-add-membership-title">
        {fieldErrors.summary}
        <div className="fr-grid-row fr-grid-row--gutters">
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
              <p className="fr-mt-md-4w">
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
          {picksTerritory && (
            <div className="fr-col-12 fr-col-md-6">
              <TerritoryChoice
                value={territoryId}
                onChange={setTerritoryId}
                fieldErrors={fieldErrors}
              />
            </div>
          )}
        </div>
        <ChangeError error={error} />
        <FormActions
          submitLabel="Ajouter le rattachement"
          onCancel={onCancel}
          disabled={loading}
          cancelDisabled={loading}
        />
      </form>
    </Panel>
  );
}
