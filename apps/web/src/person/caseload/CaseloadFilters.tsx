import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import {
  keysOf,
  ORIENTATION_LABELS,
  type OrientationType,
  TEAM_ROLE_LABELS,
  type TeamRole,
} from '../labels';
import type { CaseloadFilter } from './query';

/** The API's bound: 24 months without activity archives a file. */
const MAX_MONTHS = 24;

export interface FilterForm {
  text: string;
  myRole: TeamRole | '';
  orientationType: OrientationType | '';
  openHandover: '' | 'true' | 'false';
  inactiveForMonths: string;
  contractEnding: boolean;
  overdueAction: boolean;
}

export const NO_FILTER: FilterForm = {
  text: '',
  myRole: '',
  orientationType: '',
  openHandover: '',
  inactiveForMonths: '',
  contractEnding: false,
  overdueAction: false,
};

export function toFilter(form: FilterForm): CaseloadFilter | undefined {
  const months = Number(form.inactiveForMonths);
  const filter: CaseloadFilter = {
    ...(form.text.trim() ? { text: form.text.trim() } : {}),
    ...(form.myRole ? { myRole: form.myRole } : {}),
    ...(form.orientationType ? { orientationType: form.orientationType } : {}),
    ...(form.openHandover ? { openHandover: form.openHandover === 'true' } : {}),
    ...(form.inactiveForMonths ? { inactiveForMonths: months } : {}),
    ...(form.contractEnding ? { contractEnding: true } : {}),
    ...(form.overdueAction ? { overdueAction: true } : {}),
  };
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function monthsProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const months = Number(value);
  return Number.isInteger(months) && months >= 1 && months <= MAX_MONTHS
    ? undefined
    : `Indiquez un nombre de mois entier, de 1 à ${MAX_MONTHS}.`;
}

/** The caseload's filters, applied together on "Filtrer". */
export function CaseloadFilters({
  applied,
  onApply,
}: {
  applied: FilterForm;
  onApply: (form: FilterForm) => void;
}) {
  const [form, setForm] = useState<FilterForm>(applied);
  const [monthsError, setMonthsError] = useState<string>();
  const filtered = toFilter(applied) !== undefined;
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    const problem = monthsProblem(form.inactiveForMonths.trim());
    setMonthsError(problem);
    if (!problem) onApply({ ...form, inactiveForMonths: form.inactiveForMonths.trim() });
  }

  return (
    <form onSubmit={apply} className="fr-mb-3w" aria-labelledby="filtres-titre" noValidate>
      <h2 id="filtres-titre" className="fr-h6 fr-mb-1w">
        Filtrer mes accompagnements
      </h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Input
            label="Nom ou prénom"
            nativeInputProps={{
              type: 'search',
              value: form.text,
              onChange: (e) => set('text', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Select
            label="Mon rôle"
            nativeSelectProps={{
              value: form.myRole,
              onChange: (e) => set('myRole', e.target.value as TeamRole | ''),
            }}
          >
            <option value="">Tous</option>
            {keysOf(TEAM_ROLE_LABELS).map((role) => (
              <option key={role} value={role}>
                {TEAM_ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Select
            label="Orientation"
            nativeSelectProps={{
              value: form.orientationType,
              onChange: (e) => set('orientationType', e.target.value as OrientationType | ''),
            }}
          >
            <option value="">Toutes</option>
            {keysOf(ORIENTATION_LABELS).map((type) => (
              <option key={type} value={type}>
                {ORIENTATION_LABELS[type]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Select
            label="Passage de relais"
            nativeSelectProps={{
              value: form.openHandover,
              onChange: (e) => set('openHandover', e.target.value as FilterForm['openHandover']),
            }}
          >
            <option value="">Tous</option>
            <option value="true">Passage de relais en cours</option>
            <option value="false">Sans passage de relais en cours</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
          <Input
            label="Sans activité depuis (mois)"
            hintText={`De 1 à ${MAX_MONTHS} mois ; vide : tous`}
            state={monthsError ? 'error' : 'default'}
            stateRelatedMessage={monthsError}
            nativeInputProps={{
              type: 'number',
              inputMode: 'numeric',
              min: 1,
              max: MAX_MONTHS,
              value: form.inactiveForMonths,
              onChange: (e) => set('inactiveForMonths', e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-lg-9">
          <Checkbox
            legend="À surveiller"
            orientation="horizontal"
            options={[
              {
                label: 'Contrat échu ou à échéance (30 jours)',
                nativeInputProps: {
                  name: 'contractEnding',
                  checked: form.contractEnding,
                  onChange: (e) => set('contractEnding', e.target.checked),
                },
              },
              {
                label: 'Action en retard',
                nativeInputProps: {
                  name: 'overdueAction',
                  checked: form.overdueAction,
                  onChange: (e) => set('overdueAction', e.target.checked),
                },
              },
            ]}
          />
        </div>
      </div>
      <div className="relais-actions fr-mt-2w">
        <Button type="submit" priority="secondary" iconId="fr-icon-filter-line">
          Filtrer
        </Button>
        {filtered && (
          <Button
            type="button"
            priority="tertiary"
            onClick={() => {
              setForm(NO_FILTER);
              setMonthsError(undefined);
              onApply(NO_FILTER);
            }}
          >
            Effacer les filtres
          </Button>
        )}
      </div>
    </form>
  );
}
