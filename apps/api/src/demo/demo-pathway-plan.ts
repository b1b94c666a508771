import {
  ActionStatus,
  ContractType,
  GoalStatus,
  isSensitiveTheme,
  ObstacleStatus,
  ObstacleTheme,
  PersonRight,
  TeamRole,
} from '@relais/pathways';
import { EventType } from '@relais/events';
import { StructureType } from '@relais/organizations';
import { GOALS, GOALS_OF, type GoalTemplate } from './data/goals.data.js';
import { OBSTACLE_ACTIONS, OBSTACLE_COMMENTS, OBSTACLE_WEIGHTS } from './data/obstacles.data.js';
import type { FileDraft } from './demo-pathway-file.js';
import type { ActionRow, ContractRow, GoalRow, ObstacleRow } from './demo-pathway.types.js';
import { addMonths, DAY, isoDate, MINUTE, type SeededRandom } from './demo-random.js';

/* The diagnostic and the plan of one demo file: obstacles, contract, goals and actions. */

/** An obstacle of the diagnostic, and whether it is of a sensitive theme. */
export interface DrawnObstacle {
  readonly row: ObstacleRow;
  readonly sensitive: boolean;
}

/** A goal of the plan, with the template its actions come from. */
export interface DrawnGoal {
  readonly row: GoalRow;
  readonly template: GoalTemplate;
}

/** The obstacles of the diagnostic, each with its changes of status. */
export function drawDiagnostic(draft: FileDraft): DrawnObstacle[] {
  const { random, ids, clock, person, identity, entry, start, file, words, actorAt, event } = draft;
  // Diagnostic.
  const themes = new Set<ObstacleTheme>();
  if (person.rights.includes(PersonRight.RQTH)) themes.add(ObstacleTheme.DISABILITY);
  if (entry.referent === 'helene') themes.add(ObstacleTheme.FAMILY_CHILDCARE);
  if (identity.bornAbroad && identity.origin !== 'portugal' && random.chance(0.6)) {
    themes.add(ObstacleTheme.LANGUAGE);
  }
  const obstacleCount = Math.max(themes.size, random.pick([0, 1, 2, 2, 3, 3, 3, 4, 5]));
  while (themes.size < obstacleCount) {
    const theme = random.weighted(OBSTACLE_WEIGHTS[entry.profile], themes);
    if (!theme) break;
    themes.add(theme);
  }
  const obstacles: DrawnObstacle[] = [];
  for (const theme of themes) {
    const added = clock.later(start, 0, 14);
    if (added === null) continue;
    const sensitive = isSensitiveTheme(theme);
    const actor = actorAt(added, 0.85);
    const row: ObstacleRow = {
      id: ids.uuid(),
      personId: person.id,
      theme,
      status: ObstacleStatus.IDENTIFIED,
      comment: words(random.pick(OBSTACLE_COMMENTS[theme])),
      version: 1,
      createdByMembershipId: actor.caseworker.membershipId,
      createdAt: new Date(added),
      updatedAt: new Date(added),
    };
    event(
      added,
      actor,
      EventType.OBSTACLE_ADDED,
      'Obstacle',
      row.id,
      {
        after: { theme, status: row.status, comment: row.comment },
      },
      sensitive,
    );
    const target = random.pick([
      ObstacleStatus.IDENTIFIED,
      ObstacleStatus.BEING_ADDRESSED,
      ObstacleStatus.BEING_ADDRESSED,
      ObstacleStatus.RESOLVED,
    ]);
    let at = added;
    for (const next of [ObstacleStatus.BEING_ADDRESSED, ObstacleStatus.RESOLVED]) {
      if (
        target === ObstacleStatus.IDENTIFIED ||
        (next === ObstacleStatus.RESOLVED && target !== next)
      ) {
        break;
      }
      const when = clock.later(at, 10, 75);
      if (when === null) break;
      event(
        when,
        actorAt(when),
        EventType.OBSTACLE_UPDATED,
        'Obstacle',
        row.id,
        {
          before: { status: row.status },
          after: { status: next },
        },
        sensitive,
      );
      row.status = next;
      row.version += 1;
      row.updatedAt = new Date(when);
      at = when;
    }
    file.obstacles.push(row);
    obstacles.push({ row, sensitive });
  }

  return obstacles;
}

/** The contract (most of the time) and the goals of the plan. */
export function drawContractAndGoals(draft: FileDraft): DrawnGoal[] {
  const { random, ids, clock, person, entry, stays, start, file, actorAt, event } = draft;
  // Contract and goals.
  const referentStay = stays.find((stay) => stay.row.role === TeamRole.REFERENT);
  const contractAt = clock.later(start, 7, 30) ?? clock.later(start, 0, 2);
  if (referentStay && contractAt !== null && random.chance(0.85)) {
    const signer = actorAt(contractAt, 1);
    const type = contractType(random, signer.caseworker.structureType);
    const startsOn = isoDate(contractAt);
    const endsOn =
      type === ContractType.PPAE
        ? null
        : addMonths(startsOn, type === ContractType.PACEA ? 18 : random.pick([6, 12, 12]));
    const row: ContractRow = {
      id: ids.uuid(),
      personId: person.id,
      type,
      startsOn,
      endsOn,
      version: 1,
      createdByMembershipId: signer.caseworker.membershipId,
      createdAt: new Date(contractAt),
      updatedAt: new Date(contractAt),
    };
    file.contracts.push(row);
    event(contractAt, signer, EventType.CONTRACT_ADDED, 'Contract', row.id, {
      after: { type, startsOn, endsOn },
    });
  }
  const goalsAt = contractAt ?? start + 10 * MINUTE;
  const templates = random
    .shuffled(GOALS[GOALS_OF[entry.profile]])
    .slice(0, random.int(1, entry.profile === 'RSA_NEW' ? 2 : 3));
  const goals: DrawnGoal[] = templates.map((template, index) => {
    const at = Math.min(goalsAt + (index + 1) * 2 * MINUTE, clock.now - MINUTE);
    const actor = actorAt(at, 1);
    const row: GoalRow = {
      id: ids.uuid(),
      personId: person.id,
      title: template.title,
      status: GoalStatus.IN_PROGRESS,
      version: 1,
      createdByMembershipId: actor.caseworker.membershipId,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
    event(at, actor, EventType.GOAL_ADDED, 'Goal', row.id, {
      after: { title: row.title, status: row.status },
    });
    return { row, template };
  });
  file.goals.push(...goals.map((goal) => goal.row));

  return goals;
}

/** The actions of the plan: some serve an obstacle, the others a goal alone. */
export function drawActions(
  draft: FileDraft,
  obstacles: readonly DrawnObstacle[],
  goals: readonly DrawnGoal[],
): void {
  const { random, ids, clock, person, file, actorAt, event } = draft;
  const actionCount = random.int(1, 4);
  const titles = new Set<string>();
  const candidates: { title: string; obstacle: (typeof obstacles)[number] | null }[] = [];
  for (const obstacle of random.shuffled(obstacles)) {
    if (obstacle.row.status === ObstacleStatus.IDENTIFIED && random.chance(0.5)) continue;
    candidates.push({ title: random.pick(OBSTACLE_ACTIONS[obstacle.row.theme]), obstacle });
  }
  for (const goal of goals) {
    for (const title of goal.template.actions) candidates.push({ title, obstacle: null });
  }
  for (const candidate of candidates) {
    if (file.actions.length >= actionCount) break;
    if (titles.has(candidate.title)) continue;
    titles.add(candidate.title);
    const goal = random.pick(goals);
    const after = Math.max(
      goal.row.createdAt.getTime(),
      candidate.obstacle?.row.createdAt.getTime() ?? 0,
    );
    const created = clock.later(after, 0, 30);
    if (created === null) continue;
    const sensitive = candidate.obstacle?.sensitive ?? false;
    const actor = actorAt(created);
    const startsOn = isoDate(created);
    const row: ActionRow = {
      id: ids.uuid(),
      personId: person.id,
      goalId: goal.row.id,
      obstacleId: candidate.obstacle?.row.id ?? null,
      title: candidate.title,
      status: ActionStatus.PLANNED,
      startsOn,
      dueOn: isoDate(created + random.int(3, 10) * 7 * DAY),
      version: 1,
      createdByMembershipId: actor.caseworker.membershipId,
      createdAt: new Date(created),
      updatedAt: new Date(created),
    };
    event(
      created,
      actor,
      EventType.ACTION_ADDED,
      'PlanAction',
      row.id,
      {
        after: {
          title: row.title,
          status: row.status,
          startsOn: row.startsOn,
          dueOn: row.dueOn,
          goalId: row.goalId,
          obstacleId: row.obstacleId,
        },
      },
      sensitive,
    );
    const target = random.pick([
      ActionStatus.PLANNED,
      ActionStatus.IN_PROGRESS,
      ActionStatus.IN_PROGRESS,
      ActionStatus.DONE,
      ActionStatus.DONE,
      ActionStatus.ABANDONED,
    ]);
    const steps =
      target === ActionStatus.PLANNED
        ? []
        : target === ActionStatus.IN_PROGRESS
          ? [ActionStatus.IN_PROGRESS]
          : [ActionStatus.IN_PROGRESS, target];
    let at = created;
    for (const next of steps) {
      const when = clock.later(at, 5, 40);
      if (when === null) break;
      event(
        when,
        actorAt(when),
        EventType.ACTION_UPDATED,
        'PlanAction',
        row.id,
        {
          before: { status: row.status },
          after: { status: next },
        },
        sensitive,
      );
      row.status = next;
      row.version += 1;
      row.updatedAt = new Date(when);
      at = when;
    }
    file.actions.push(row);
  }
}

/** The contract a structure signs with the person. */
function contractType(random: SeededRandom, type: StructureType): ContractType {
  switch (type) {
    case StructureType.FRANCE_TRAVAIL:
    case StructureType.CAP_EMPLOI:
      return ContractType.PPAE;
    case StructureType.MISSION_LOCALE:
      return random.chance(0.6) ? ContractType.CEJ : ContractType.PACEA;
    default:
      return ContractType.CER;
  }
}
