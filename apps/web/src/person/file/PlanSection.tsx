import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, type ReactNode, useState } from 'react';
import { graphql } from '../../api/graphql';
import { EmptyState } from '../../components/PageState';
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  CONTRACT_TYPE_LABELS,
  type ContractType,
  formatDate,
  GOAL_STATUS_LABELS,
  type GoalStatus,
  keysOf,
  OBSTACLE_THEME_LABELS,
} from '../labels';
import {
  afterFailure,
  Redacted,
  SectionForm,
  todayIso,
  useConfirmation,
  useFormReload,
} from './common';
import type { PersonFile, SectionProps } from './query';

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

const PLAN_LABELS = {
  title: 'Intitulé',
  status: 'Statut',
  goalId: 'Objectif',
  obstacleId: 'Frein',
  startsOn: 'Date de début',
  dueOn: 'Échéance',
  endsOn: 'Date de fin',
  type: 'Type de contrat',
};

type Goal = PersonFile['goals'][number];
type Action = PersonFile['actions'][number];

/** The one form open at a time in the plan. */
type OpenForm =
  { kind: 'contract' } | { kind: 'goal'; goal?: Goal } | { kind: 'action'; action?: Action };

export function PlanSection({ person, reload }: SectionProps) {
  const [confirmation, confirm] = useConfirmation();
  const [open, setOpen] = useState<OpenForm>();
  const [formKey, reloadForm] = useFormReload(reload);
  const canWrite = person.access.canWrite;
  const goalTitle = (id: string | null | undefined) =>
    person.goals.find((g) => g.id === id)?.title ?? '—';
  const obstacleName = (id: string | null | undefined) => {
    const obstacle = person.obstacles.find((o) => o.id === id);
    return obstacle?.theme ? OBSTACLE_THEME_LABELS[obstacle.theme] : '—';
  };

  const formProps = {
    person,
    reload: reloadForm,
    onClose: () => setOpen(undefined),
    onDone: (message: string) => {
      setOpen(undefined);
      confirm(message);
      void reload();
    },
  };
  const openForm = (form: OpenForm) => {
    confirm(undefined);
    setOpen(form);
  };

  return (
    <section aria-labelledby="plan-titre">
      <h2 id="plan-titre">Plan d’action</h2>
      {confirmation}

      <h3 className="fr-h5">Contrats</h3>
      {person.contracts.length === 0 ? (
        <EmptyState>Aucun contrat n’encadre le plan.</EmptyState>
      ) : (
        <div className="fr-table fr-table--no-caption relais-table-wrap">
          <table tabIndex={0}>
            <caption>Contrats</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Début</th>
                <th scope="col">Fin</th>
              </tr>
            </thead>
            <tbody>
              {person.contracts.map((contract) => (
                <tr key={contract.id}>
                  <td>{CONTRACT_TYPE_LABELS[contract.type]}</td>
                  <td>{formatDate(contract.startsOn)}</td>
                  <td>{contract.endsOn ? formatDate(contract.endsOn) : 'Sans date de fin'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite &&
        (open?.kind === 'contract' ? (
          <ContractForm key={formKey} {...formProps} />
        ) : (
          <AddButton onClick={() => openForm({ kind: 'contract' })}>Ajouter un contrat</AddButton>
        ))}

      <h3 className="fr-h5 fr-mt-4w">Objectifs</h3>
      {person.goals.length === 0 ? (
        <EmptyState>Aucun objectif n’a été fixé.</EmptyState>
      ) : (
        <div className="fr-table fr-table--no-caption relais-table-wrap">
          <table tabIndex={0}>
            <caption>Objectifs</caption>
            <thead>
              <tr>
                <th scope="col">Objectif</th>
                <th scope="col">Statut</th>
                {canWrite && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {person.goals.map((goal) => (
                <tr key={goal.id}>
                  <td>{goal.title}</td>
                  <td>{GOAL_STATUS_LABELS[goal.status]}</td>
                  {canWrite && (
                    <td>
                      <Button
                        size="small"
                        priority="tertiary"
                        onClick={() => openForm({ kind: 'goal', goal })}
                      >
                        Modifier<span className="fr-sr-only"> l’objectif {goal.title}</span>
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite &&
        (open?.kind === 'goal' ? (
          <GoalForm
            key={`${open.goal?.id ?? 'new'}-${formKey}`}
            goal={open.goal && (person.goals.find((g) => g.id === open.goal?.id) ?? open.goal)}
            {...formProps}
          />
        ) : (
          <AddButton onClick={() => openForm({ kind: 'goal' })}>Ajouter un objectif</AddButton>
        ))}

      <h3 className="fr-h5 fr-mt-4w">Actions</h3>
      {person.actions.length === 0 ? (
        <EmptyState>Aucune action n’est prévue.</EmptyState>
      ) : (
        <div className="fr-table fr-table--no-caption relais-table-wrap">
          <table tabIndex={0}>
            <caption>Actions</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Objectif</th>
                <th scope="col">Frein</th>
                <th scope="col">Statut</th>
                <th scope="col">Début</th>
                <th scope="col">Échéance</th>
                {canWrite && <th scope="col">Modifier</th>}
              </tr>
            </thead>
            <tbody>
              {person.actions.map((action) => (
                <tr key={action.id}>
                  <td>{action.redacted || !action.title ? <Redacted /> : action.title}</td>
                  <td>{goalTitle(action.goalId)}</td>
                  <td>
                    {action.redacted ? (
                      <Redacted>Masqué</Redacted>
                    ) : (
                      obstacleName(action.obstacleId)
                    )}
                  </td>
                  <td>{ACTION_STATUS_LABELS[action.status]}</td>
                  <td>{formatDate(action.startsOn) || '—'}</td>
                  <td>{formatDate(action.dueOn) || '—'}</td>
                  {canWrite && (
                    <td>
                      {!action.redacted && (
                        <Button
                          size="small"
                          priority="tertiary"
                          onClick={() => openForm({ kind: 'action', action })}
                        >
                          Modifier<span className="fr-sr-only"> l’action {action.title}</span>
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite &&
        (open?.kind === 'action' ? (
          <ActionForm
            key={`${open.action?.id ?? 'new'}-${formKey}`}
            action={
              open.action && (person.actions.find((a) => a.id === open.action?.id) ?? open.action)
            }
            {...formProps}
          />
        ) : (
          <AddButton onClick={() => openForm({ kind: 'action' })}>Ajouter une action</AddButton>
        ))}
    </section>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button priority="secondary" iconId="fr-icon-add-line" className="fr-mb-2w" onClick={onClick}>
      {children}
    </Button>
  );
}

interface FormProps extends SectionProps {
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

function FormFrame({
  id,
  title,
  error,
  reload,
  onSubmit,
  onClose,
  submitLabel,
  loading,
  children,
}: {
  id: string;
  title: string;
  error: unknown;
  reload: () => Promise<unknown>;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  submitLabel: string;
  loading: boolean;
  children: ReactNode;
}) {
  return (
    <SectionForm
      titleId={id}
      title={title}
      heading="h4"
      className="fr-p-3w fr-mb-3w fr-background-alt--grey"
      onSubmit={onSubmit}
      error={error}
      labels={PLAN_LABELS}
      onReload={() => void reload()}
      submitLabel={submitLabel}
      onCancel={onClose}
      busy={loading}
    >
      {children}
    </SectionForm>
  );
}

function ContractForm({ person, reload, onClose, onDone }: FormProps) {
  const [type, setType] = useState<ContractType | ''>('');
  const [startsOn, setStartsOn] = useState(todayIso);
  const [endsOn, setEndsOn] = useState('');
  const [add, { error, loading }] = useMutation(ADD_CONTRACT);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!type) return;
    try {
      await add({
        variables: { input: { personId: person.id, type, startsOn, endsOn: endsOn || null } },
      });
      onDone('Contrat ajouté au plan.');
    } catch (failure) {
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="contrat-form-titre"
      title="Ajouter un contrat"
      submitLabel="Enregistrer le contrat"
      {...{ error, loading, reload, onClose }}
      onSubmit={(e) => void submit(e)}
    >
      <Select
        label="Type de contrat (obligatoire)"
        nativeSelectProps={{
          required: true,
          value: type,
          onChange: (e) => setType(e.target.value as ContractType | ''),
        }}
      >
        <option value="" disabled>
          Choisir un type
        </option>
        {keysOf(CONTRACT_TYPE_LABELS).map((value) => (
          <option key={value} value={value}>
            {CONTRACT_TYPE_LABELS[value]}
          </option>
        ))}
      </Select>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Date de début (obligatoire)"
            nativeInputProps={{
              type: 'date',
              required: true,
              value: startsOn,
              onChange: (e) => setStartsOn(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Date de fin (facultative)"
            nativeInputProps={{
              type: 'date',
              min: startsOn,
              value: endsOn,
              onChange: (e) => setEndsOn(e.target.value),
            }}
          />
        </div>
      </div>
    </FormFrame>
  );
}

/** Adds a goal, or changes one (`goal` given). */
function GoalForm({ person, goal, reload, onClose, onDone }: FormProps & { goal?: Goal }) {
  const [version] = useState(goal?.version);
  const [title, setTitle] = useState(goal?.title ?? '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'IN_PROGRESS');
  const [add, added] = useMutation(ADD_GOAL);
  const [update, updated] = useMutation(UPDATE_GOAL);
  const { error, loading } = goal ? updated : added;

  async function submit(event: FormEvent) {
    event.preventDefault();
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
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="objectif-form-titre"
      title={goal ? 'Modifier l’objectif' : 'Ajouter un objectif'}
      submitLabel="Enregistrer l’objectif"
      {...{ error, loading, reload, onClose }}
      onSubmit={(e) => void submit(e)}
    >
      <Input
        label="Intitulé de l’objectif (obligatoire)"
        nativeInputProps={{
          required: true,
          value: title,
          onChange: (e) => setTitle(e.target.value),
        }}
      />
      <Select
        label="Statut"
        nativeSelectProps={{
          value: status,
          onChange: (e) => setStatus(e.target.value as GoalStatus),
        }}
      >
        {keysOf(GOAL_STATUS_LABELS).map((value) => (
          <option key={value} value={value}>
            {GOAL_STATUS_LABELS[value]}
          </option>
        ))}
      </Select>
    </FormFrame>
  );
}

/** Plans an action, or changes one (`action` given). */
function ActionForm({ person, action, reload, onClose, onDone }: FormProps & { action?: Action }) {
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

  async function submit(event: FormEvent) {
    event.preventDefault();
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
      afterFailure(failure, reload);
    }
  }

  return (
    <FormFrame
      id="action-form-titre"
      title={action ? 'Modifier l’action' : 'Ajouter une action'}
      submitLabel="Enregistrer l’action"
      {...{ error, loading, reload, onClose }}
      onSubmit={(e) => void submit(e)}
    >
      <Input
        label="Intitulé de l’action (obligatoire)"
        nativeInputProps={{
          required: true,
          value: title,
          onChange: (e) => setTitle(e.target.value),
        }}
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
          <Select
            label="Statut"
            nativeSelectProps={{
              value: status,
              onChange: (e) => setStatus(e.target.value as ActionStatus),
            }}
          >
            {keysOf(ACTION_STATUS_LABELS).map((value) => (
              <option key={value} value={value}>
                {ACTION_STATUS_LABELS[value]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Date de début"
            nativeInputProps={{
              type: 'date',
              value: startsOn,
              onChange: (e) => setStartsOn(e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Échéance"
            nativeInputProps={{
              type: 'date',
              min: startsOn || undefined,
              value: dueOn,
              onChange: (e) => setDueOn(e.target.value),
            }}
          />
        </div>
      </div>
    </FormFrame>
  );
}
