import { useMutation } from '@apollo/client/react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { INPUT_RULES } from '../../forms/field-check';
import { useFieldErrors } from '../../forms/useFieldErrors';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  CONTRACT_TYPE_LABELS,
  type ContractType,
  GOAL_STATUS_LABELS,
  type GoalStatus,
  OBSTACLE_THEME_LABELS,
} from '../labels';
import { afterFailure, todayIso } from './common';
import { LabelSelect } from './LabelSelect';
import { DateField, FormFrame, PLAN_LABELS, TitleField } from './PlanFields';
import type { PersonFile, SectionProps } from './query';

// The plan's forms (contract, goal, action), each checking the API's rules before sending.

const ADD_GOAL = graphql(`
  mutation AddGoal($input: AddGoalInput!) {
    addGoal(input: $input) {
      id
    }
  }
`);

const UPDATE_GOAL = graphql(`
  mutation UpdateGoal($input: UpdateGoalInput!) {
    updateGoal(input: $input) {
      id
      title
      status
      version
    }
  }
`);

const ADD_ACTION = graphql(`
  mutation AddAction($input: AddActionInput!) {
    addAction(input: $input) {
      id
    }
  }
`);

const UPDATE_ACTION = graphql(`
  mutation UpdateAction($input: UpdateActionInput!) {
    updateAction(input: $input) {
      id
      title
      status
      startsOn
      dueOn
      version
    }
  }
`);

const ADD_CONTRACT = graphql(`
  mutation AddContract($input: AddContractInput!) {
    addContract(input: $input) {
      id
    }
  }
`);

/** A contract's type is chosen in the form (the API's enum refuses an empty one). */
const CONTRACT_RULES = { ...INPUT_RULES.AddContractInput, type: { required: true } };

export type Goal = PersonFile['goals'][number];
export type Action = PersonFile['actions'][number];

interface FormProps extends SectionProps {
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

export function ContractForm({ person, reload, onClose, onDone }: FormProps) {
  const [type, setType] = useState<ContractType | ''>('');
  const [startsOn, setStartsOn] = useState(todayIso);
  const [endsOn, setEndsOn] = useState('');
  const [add, { error, loading }] = useMutation(ADD_CONTRACT);
  const fieldErrors = useFieldErrors({
    rules: CONTRACT_RULES,
    labels: PLAN_LABELS,
    idPrefix: 'contrat',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { type, startsOn, endsOn };
    if (!fieldErrors.check(values) || !type) return;
    try {
      await add({
        variables: { input: { personId: person.id, type, startsOn, endsOn: endsOn || null } },
      });
      onDone('Contrat ajouté au plan.');
    } catch (failure) {
      fieldErrors.refused(failure, values);
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="contrat-form-titre"
      title="Ajouter un contrat"
      submitLabel="Enregistrer le contrat"
      {...{ error, loading, reload, onClose, fieldErrors }}
      onSubmit={(e) => void submit(e)}
    >
      <LabelSelect
        label="Type de contrat (obligatoire)"
        labels={CONTRACT_TYPE_LABELS}
        value={type}
        onChange={setType}
        placeholder="Choisir un type"
        field="type"
        fieldErrors={fieldErrors}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <DateField
          className="fr-col-12 fr-col-md-6"
          label="Date de début (obligatoire)"
          field="startsOn"
          value={startsOn}
          onChange={setStartsOn}
          fieldErrors={fieldErrors}
        />
        <DateField
          className="fr-col-12 fr-col-md-6"
          label="Date de fin (facultative)"
          field="endsOn"
          value={endsOn}
          onChange={setEndsOn}
          fieldErrors={fieldErrors}
        />
      </div>
    </FormFrame>
  );
}

/** Adds a goal, or changes one (`goal` given). */
export function GoalForm({ person, goal, reload, onClose, onDone }: FormProps & { goal?: Goal }) {
  const [version] = useState(goal?.version);
  const [title, setTitle] = useState(goal?.title ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'IN_PROGRESS');
  const [add, added] = useMutation(ADD_GOAL);
  const [update, updated] = useMutation(UPDATE_GOAL);
  const { error, loading } = goal ? updated : added;
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.AddGoalInput,
    labels: PLAN_LABELS,
    idPrefix: 'objectif',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check({ title })) return;
    try {
      if (goal && version !== undefined) {
        await update({
          variables: { input: { goalId: goal.id, version, title: title.trim(), status } },
        });
        onDone('Objectif mis à jour.');
      } else {
        await add({ variables: { input: { personId: person.id, title: title.trim(), status } } });
        onDone('Objectif ajouté au plan.');
      }
    } catch (failure) {
      fieldErrors.refused(failure, { title });
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="objectif-form-titre"
      title={goal ? 'Modifier l’objectif' : 'Ajouter un objectif'}
      submitLabel="Enregistrer l’objectif"
      {...{ error, loading, reload, onClose, fieldErrors }}
      onSubmit={(e) => void submit(e)}
    >
      <TitleField
        label="Intitulé de l’objectif (obligatoire)"
        value={title}
        onChange={setTitle}
        fieldErrors={fieldErrors}
      />
      <LabelSelect label="Statut" labels={GOAL_STATUS_LABELS} value={status} onChange={setStatus} />
    </FormFrame>
  );
}

/** Plans an action, or changes one (`action` given). */
export function ActionForm({
  person,
  action,
  reload,
  onClose,
  onDone,
}: FormProps & { action?: Action }) {
  const [version] = useState(action?.version);
  const [title, setTitle] = useState(action?.title ?? '');
  const [goalId, setGoalId] = useState(action?.goalId ?? '');
  const [obstacleId, setObstacleId] = useState(action?.obstacleId ?? '');
  const [status, setStatus] = useState<ActionStatus>(action?.status ?? 'PLANNED');
  const [startsOn, setStartsOn] = useState(action?.startsOn ?? '');
  const [dueOn, setDueOn] = useState(action?.dueOn ?? '');
  const [add, added] = useMutation(ADD_ACTION);
  const [update, updated] = useMutation(UPDATE_ACTION);
  const { error, loading } = action ? updated : added;
  const obstacles = person.obstacles.filter((o) => !o.redacted && o.theme);
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.AddActionInput,
    labels: PLAN_LABELS,
    idPrefix: 'action',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check({ title, startsOn, dueOn })) return;
    const fields = {
      title: title.trim(),
      goalId: goalId || null,
      obstacleId: obstacleId || null,
      status,
      startsOn: startsOn || null,
      dueOn: dueOn || null,
    };
    try {
      if (action && version !== undefined) {
        await update({ variables: { input: { actionId: action.id, version, ...fields } } });
        onDone('Action mise à jour.');
      } else {
        await add({ variables: { input: { personId: person.id, ...fields } } });
        onDone('Action ajoutée au plan.');
      }
    } catch (failure) {
      fieldErrors.refused(failure, { title, startsOn, dueOn });
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="action-form-titre"
      title={action ? 'Modifier l’action' : 'Ajouter une action'}
      submitLabel="Enregistrer l’action"
      {...{ error, loading, reload, onClose, fieldErrors }}
      onSubmit={(e) => void submit(e)}
    >
      <TitleField
        label="Intitulé de l’action (obligatoire)"
        value={title}
        onChange={setTitle}
        fieldErrors={fieldErrors}
      />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Objectif servi"
            nativeSelectProps={{ value: goalId, onChange: (e) => setGoalId(e.target.value) }}
          >
            <option value="">Aucun</option>
            {person.goals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.title}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Frein levé"
            nativeSelectProps={{
              value: obstacleId,
              onChange: (e) => setObstacleId(e.target.value),
            }}
          >
            <option value="">Aucun</option>
            {obstacles.map((obstacle) => (
              <option key={obstacle.id} value={obstacle.id}>
                {obstacle.theme && OBSTACLE_THEME_LABELS[obstacle.theme]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <LabelSelect
            label="Statut"
            labels={ACTION_STATUS_LABELS}
            value={status}
            onChange={setStatus}
          />
        </div>
        <DateField
          className="fr-col-12 fr-col-md-4"
          label="Date de début"
          field="startsOn"
          value={startsOn}
          onChange={setStartsOn}
          fieldErrors={fieldErrors}
        />
        <DateField
          className="fr-col-12 fr-col-md-4"
          label="Échéance"
          field="dueOn"
          value={dueOn}
          onChange={setDueOn}
          fieldErrors={fieldErrors}
        />
      </div>
    </FormFrame>
  );
}
