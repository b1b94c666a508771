import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../components/PageState';
import {
  ACTION_STATUS_LABELS,
  CONTRACT_TYPE_LABELS,
  formatDate,
  GOAL_STATUS_LABELS,
  OBSTACLE_THEME_LABELS,
} from '../labels';
import { Redacted, useConfirmation, useFormReload } from './common';
import { type Action, ActionForm, ContractForm, type Goal, GoalForm } from './PlanForms';
import type { SectionProps } from './query';

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
