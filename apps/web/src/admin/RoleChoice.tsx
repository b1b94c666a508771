import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type ReactNode } from 'react';
import { codeOf, reasonOf } from '../api/errors';
import type { Role } from '../app/me';
import { MutationError } from '../components/PageState';
import { TERRITORIES_QUERY } from './AdminScope';
import { ConfirmPanel } from './ConfirmPanel';
import type { FieldErrors, NativeFieldProps } from '../forms/useFieldErrors';
import { fullName, ROLE_POWERS, roleLabel } from './labels';

const LABELS = { role: 'Rôle', structureId: 'Structure', territoryId: 'Territoire' };

export interface Person {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

/** Why a change was refused, in the admin's words; undefined for the generic message. */
function refusal(error: unknown): string | undefined {
  switch (reasonOf(error)) {
    case 'SAME_ROLE':
      return 'Ce rattachement a déjà ce rôle : choisissez-en un autre.';
    case 'ROLE_ALREADY_HELD':
      return 'Cette personne a déjà ce rôle à cet endroit : rien à changer.';
    case 'ROLE_NOT_FOR_PLACE':
      return 'Ce rôle ne s’exerce pas à cet endroit : les rôles de structure dans une structure, l’administration de territoire pour un territoire.';
    case 'ACCOUNT_DISABLED':
      return 'Ce compte est désactivé : réactivez-le avant de le rattacher.';
    default:
      return codeOf(error) === 'FORBIDDEN'
        ? 'Vous ne pouvez pas donner ce rôle à cet endroit, ou vous n’administrez pas ce compte.'
        : undefined;
  }
}

export function ChangeError({ error }: { error: unknown }) {
  if (!error) return null;
  const text = refusal(error);
  if (!text) return <MutationError error={error} labels={LABELS} />;
  return <Alert severity="error" small className="fr-mb-2w" description={text} />;
}

/** A role to choose, with no silent default: "Choisir un rôle" until one is picked. */
export function RoleSelect({
  roles,
  value,
  onChange,
  error,
  native,
}: {
  roles: readonly Role[];
  value: Role | '';
  onChange: (role: Role | '') => void;
  error?: string;
  /** The select's id and aria-invalid, from useFieldErrors' `native`. */
  native?: NativeFieldProps;
}) {
  return (
    <Select
      label="Rôle"
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeSelectProps={{
        ...native,
        value,
        onChange: (event) => onChange(event.target.value as Role | ''),
        'aria-required': true,
      }}
    >
      <option value="" disabled>
        Choisir un rôle
      </option>
      {roles.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </Select>
  );
}

interface PlaceChoiceProps {
  readonly value: string;
  readonly onChange: (id: string) => void;
  /** The form's errors: the select shows its own (its field is `structureId` or `territoryId`). */
  readonly fieldErrors: FieldErrors;
}

/** The structure or the territory a role is granted at, when the admin's place leaves a choice. */
function PlaceSelect({
  field,
  label,
  places,
  value,
  onChange,
  fieldErrors,
}: PlaceChoiceProps & {
  field: 'structureId' | 'territoryId';
  label: string;
  places: readonly { id: string; name: string }[];
}) {
  return (
    <Select
      label={label}
      {...fieldErrors.state(field)}
      nativeSelectProps={{
        ...fieldErrors.native(field),
        value,
        onChange: (event) => onChange(event.target.value),
        'aria-required': true,
      }}
    >
      <option value="" disabled>
        {field === 'structureId' ? 'Choisissez une structure' : 'Choisissez un territoire'}
      </option>
      {places.map((place) => (
        <option key={place.id} value={place.id}>
          {place.name}
        </option>
      ))}
    </Select>
  );
}

/** A structure among those of the admin's territory. */
export function StructureChoice({
  structures,
  ...props
}: PlaceChoiceProps & { structures: readonly { id: string; name: string }[] }) {
  return <PlaceSelect field="structureId" label="Structure" places={structures} {...props} />;
}

/** A territory among the open ones (for the platform admin). */
export function TerritoryChoice(props: PlaceChoiceProps) {
  const territories = useQuery(TERRITORIES_QUERY);
  const places = (territories.error ? [] : (territories.data?.territories ?? [])).map(
    (territory) => ({ id: territory.id, name: `${territory.name} (${territory.code})` }),
  );
  return <PlaceSelect field="territoryId" label="Territoire" places={places} {...props} />;
}

/** The confirmation before an admin role (or the orientation manager's) is granted. */
export function GrantConfirmation({
  person,
  role,
  where,
  busy,
  error,
  onConfirm,
  onCancel,
  children,
}: {
  person: Person;
  role: Role;
  where: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <ConfirmPanel
      title={`Donner le rôle ${roleLabel(role)} à ${fullName(person)} ?`}
      confirmLabel="Confirmer le rôle"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p className="fr-mb-1w">
        {fullName(person)} ({person.email}) <strong>{ROLE_POWERS[role]}</strong> — {where}. L’effet
        est immédiat, dès sa prochaine action dans Relais.
      </p>
      {children}
      <ChangeError error={error} />
    </ConfirmPanel>
  );
}
