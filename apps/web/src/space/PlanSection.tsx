import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ACTION_STATUS_LABELS, CONTRACT_TYPE_LABELS, GOAL_STATUS_LABELS } from '../person/labels';
import { formatDay, type MySpaceData } from './space-query';

type Plan = MySpaceData['plan'];
type Action = Plan['actions'][number];

function actionDates(action: Action): string | undefined {
  if (action.startsOn && action.dueOn) {
    return `Du ${formatDay(action.startsOn)} au ${formatDay(action.dueOn)}`;
  }
  if (action.dueOn) return `À faire avant le ${formatDay(action.dueOn)}`;
  if (action.startsOn) return `À partir du ${formatDay(action.startsOn)}`;
  return undefined;
}

function ActionList({ actions }: { actions: readonly Action[] }) {
  return (
    <ul>
      {actions.map((action) => (
        <li key={action.id} className="fr-mb-1w">
          {action.title}{' '}
          <Badge small noIcon severity={action.status === 'DONE' ? 'success' : 'info'}>
            {ACTION_STATUS_LABELS[action.status]}
          </Badge>
          {actionDates(action) && (
            <>
              <br />
              <span className="fr-text--sm">{actionDates(action)}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Their project, goals and actions with their state, and their contract with its dates. */
export function PlanSection({ plan }: { plan: Plan }) {
  const loose = plan.actions.filter(
    (action) => !action.goalId || !plan.goals.some((goal) => goal.id === action.goalId),
  );
  return (
    <section aria-labelledby="parcours-titre" className="fr-mb-6w">
      <h2 id="parcours-titre">Votre parcours</h2>
      <h3 className="fr-h5">Votre projet</h3>
      <p>
        {plan.targetJob
          ? `Le métier que vous cherchez : ${plan.targetJob}.`
          : 'Votre projet n’est pas encore écrit. Parlez-en avec votre référent.'}
      </p>
      <h3 className="fr-h5">Vos objectifs et vos actions</h3>
      <p className="fr-text--sm">
        Un objectif, c’est ce que vous voulez atteindre. Une action, c’est une étape pour y arriver.
      </p>
      {plan.goals.length === 0 && plan.actions.length === 0 && (
        <p>Pas encore d’objectif ni d’action.</p>
      )}
      {plan.goals.map((goal) => {
        const actions = plan.actions.filter((action) => action.goalId === goal.id);
        return (
          <div key={goal.id} className="fr-mb-3w">
            <h4 className="fr-h6 fr-mb-1w">
              {goal.title}{' '}
              <Badge small noIcon severity={goal.status === 'ACHIEVED' ? 'success' : 'info'}>
                {GOAL_STATUS_LABELS[goal.status]}
              </Badge>
            </h4>
            {actions.length > 0 ? <ActionList actions={actions} /> : <p>Pas encore d’action.</p>}
          </div>
        );
      })}
      {loose.length > 0 && (
        <>
          {plan.goals.length > 0 && <h4 className="fr-h6 fr-mb-1w">Autres actions</h4>}
          <ActionList actions={loose} />
        </>
      )}
      <h3 className="fr-h5">Votre contrat</h3>
      <p className="fr-text--sm">
        Le contrat dit ce que vous et votre référent vous engagez à faire.
      </p>
      {plan.contracts.length === 0 ? (
        <p>Pas de contrat pour le moment.</p>
      ) : (
        <ul>
          {plan.contracts.map((contract, index) => (
            <li key={index}>
              {CONTRACT_TYPE_LABELS[contract.type]} :{' '}
              {contract.endsOn
                ? `du ${formatDay(contract.startsOn)} au ${formatDay(contract.endsOn)}`
                : `depuis le ${formatDay(contract.startsOn)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
