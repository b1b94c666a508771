import { useQuery } from '@apollo/client/react';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { CONTRACT_TYPE_LABELS, ORIENTATION_LABELS } from '../person/labels';
import { CHECKBOX_INPUT_STYLE, type HandoverFields } from './handover-format';

const STRUCTURES = graphql(`
  query AcceptHandoverStructures($territoryId: ID!) {
    structures(territoryId: $territoryId) {
      id
      name
    }
  }
`);

type OrientationChoice = keyof typeof ORIENTATION_LABELS;
/** The contracts a new referent may open on accepting. */
const CONTRACTS = ['CER', 'PPAE', 'CEJ', 'PACEA'] as const;
type ContractChoice = (typeof CONTRACTS)[number];

export interface AcceptanceChoices {
  /** '' keeps the person's orientation. */
  readonly orientationType: OrientationChoice | '';
  /** '' is the target structure. */
  readonly orientationStructureId: string;
  readonly closeCurrentContract: boolean;
  /** '' opens none. */
  readonly newContractType: ContractChoice | '';
  /** YYYY-MM-DD or '' for an open-ended contract. */
  readonly newContractEndsOn: string;
}

export const NO_CHANGE: AcceptanceChoices = {
  orientationType: '',
  orientationStructureId: '',
  closeCurrentContract: false,
  newContractType: '',
  newContractEndsOn: '',
};

/** The id of the new contract's end field, which the form focuses when it holds an error. */
export const CONTRACT_END_FIELD_ID = 'accepter-newContractEndsOn';

/** Today in the browser's time zone, as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The French problems of the choices, by field; empty when they may be sent. */
export function acceptanceProblems(choices: AcceptanceChoices): Record<string, string> {
  const problems: Record<string, string> = {};
  if (choices.newContractType && choices.newContractEndsOn) {
    if (choices.newContractEndsOn <= today()) {
      problems.newContractEndsOn =
        'La fin du nouveau contrat doit être postérieure à aujourd’hui, jour où il commence.';
    }
  }
  return problems;
}

/** The acceptance's input fields for the choices: nothing for what stays as it is. */
export function acceptanceInput(choices: AcceptanceChoices, targetStructureId: string) {
  return {
    ...(choices.orientationType
      ? {
          orientationType: choices.orientationType,
          orientationStructureId: choices.orientationStructureId || targetStructureId,
        }
      : {}),
    closeCurrentContract: choices.closeCurrentContract,
    ...(choices.newContractType
      ? {
          newContractType: choices.newContractType,
          newContractEndsOn: choices.newContractEndsOn || null,
        }
      : {}),
  };
}

/** The orientation and contract choices of the accept form. */
export function AcceptanceContextFields({
  handover,
  value,
  onChange,
  problems,
}: {
  handover: HandoverFields;
  value: AcceptanceChoices;
  onChange: (value: AcceptanceChoices) => void;
  problems: Record<string, string>;
}) {
  const { me, territoryIds } = useMe();
  const territoryId =
    me.memberships.find((m) => m.structure?.id === handover.toStructure.id)?.structure
      ?.territoryId ?? territoryIds[0];
  const structures = useQuery(STRUCTURES, {
    variables: { territoryId: territoryId ?? '' },
    skip: !territoryId,
    fetchPolicy: 'cache-first',
  });
  const set = (changes: Partial<AcceptanceChoices>) => onChange({ ...value, ...changes });
  const list = structures.data?.structures ?? [handover.toStructure];

  return (
    <>
      <fieldset className="fr-fieldset fr-mt-2w" aria-labelledby="acceptation-orientation">
        <legend id="acceptation-orientation" className="fr-fieldset__legend fr-text--lg">
          Orientation
        </legend>
        <div className="fr-fieldset__element">
          <Select
            label="Orientation de la personne"
            hint="Confirmez-la ou changez-la ; « Inchangée » garde celle du dossier."
            nativeSelectProps={{
              value: value.orientationType,
              onChange: (event) =>
                set({
                  orientationType: event.target.value as AcceptanceChoices['orientationType'],
                }),
            }}
          >
            <option value="">Inchangée</option>
            {(Object.keys(ORIENTATION_LABELS) as OrientationChoice[]).map((type) => (
              <option key={type} value={type}>
                {ORIENTATION_LABELS[type]}
              </option>
            ))}
          </Select>
        </div>
        {value.orientationType && (
          <div className="fr-fieldset__element">
            <Select
              label="Structure d’orientation"
              hint={
                structures.error
                  ? 'La liste des structures n’a pas pu être chargée : la structure qui accueille la personne sera retenue.'
                  : 'Par défaut, la structure qui accueille la personne.'
              }
              nativeSelectProps={{
                value: value.orientationStructureId || handover.toStructure.id,
                onChange: (event) => set({ orientationStructureId: event.target.value }),
              }}
            >
              {list.map((structure) => (
                <option key={structure.id} value={structure.id}>
                  {structure.name}
                </option>
              ))}
            </Select>
          </div>
        )}
      </fieldset>
      <fieldset className="fr-fieldset" aria-labelledby="acceptation-contrat">
        <legend id="acceptation-contrat" className="fr-fieldset__legend fr-text--lg">
          Contrat
        </legend>
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: 'Clore le contrat en cours',
                hintText: 'Le contrat en cours prend fin aujourd’hui.',
                nativeInputProps: {
                  style: CHECKBOX_INPUT_STYLE,
                  checked: value.closeCurrentContract,
                  onChange: (event) => set({ closeCurrentContract: event.target.checked }),
                },
              },
            ]}
          />
        </div>
        <div className="fr-fieldset__element">
          <Select
            label="Ouvrir un nouveau contrat"
            hint="Il commence aujourd’hui."
            nativeSelectProps={{
              value: value.newContractType,
              onChange: (event) =>
                set({
                  newContractType: event.target.value as AcceptanceChoices['newContractType'],
                }),
            }}
          >
            <option value="">Aucun</option>
            {CONTRACTS.map((type) => (
              <option key={type} value={type}>
                {CONTRACT_TYPE_LABELS[type]}
              </option>
            ))}
          </Select>
        </div>
        {value.newContractType && (
          <div className="fr-fieldset__element">
            <Input
              label="Fin du nouveau contrat (facultative)"
              hintText="Après aujourd’hui. Sans date, le contrat n’a pas de terme."
              state={problems.newContractEndsOn ? 'error' : 'default'}
              stateRelatedMessage={problems.newContractEndsOn}
              nativeInputProps={{
                id: CONTRACT_END_FIELD_ID,
                'aria-invalid': problems.newContractEndsOn ? true : undefined,
                type: 'date',
                min: today(),
                value: value.newContractEndsOn,
                onChange: (event) => set({ newContractEndsOn: event.target.value }),
              }}
            />
          </div>
        )}
      </fieldset>
    </>
  );
}
