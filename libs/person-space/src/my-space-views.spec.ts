import { AccessGround, type AccessLogFileRead } from '@relais/access';
import type { ActorNames } from '@relais/identity';
import {
  ActionStatus,
  ContractType,
  GoalStatus,
  type ContractView,
  type GoalView,
  type PlanActionView,
} from '@relais/pathways';
import {
  fileReadKindOf,
  fileReadsCursor,
  fileReadsPosition,
  fileReadViews,
  SpaceFileReadKind,
  spacePlanOf,
} from './my-space-views.js';

const at = new Date('2026-12-03T09:30:00Z');

function read(overrides: Partial<AccessLogFileRead>): AccessLogFileRead {
  return {
    id: '41',
    accessedAt: at,
    ground: AccessGround.TEAM_MEMBER,
    accountId: null,
    membershipId: null,
    clientId: null,
    ...overrides,
  };
}

const names: ActorNames = {
  accounts: new Map([['account-1', { givenName: 'Claire', familyName: 'Moreau' }]]),
  membershipStructures: new Map([
    ['membership-1', 'structure-1'],
    ['membership-2', null],
  ]),
  clients: new Map([['client-1', 'France Travail']]),
};
const structureNames = new Map([['structure-1', 'Département de Loire-Atlantique']]);

describe('the person’s file reads, in plain terms', () => {
  it('tells a read, an export and a partner’s read, and never shows the person’s own', () => {
    const kinds = Object.values(AccessGround).map((ground) => [ground, fileReadKindOf(ground)]);
    expect(Object.fromEntries(kinds)).toEqual({
      TEAM_MEMBER: SpaceFileReadKind.READ,
      FORMER_REFERENT: SpaceFileReadKind.READ,
      ORIENTATION_MANAGER: SpaceFileReadKind.READ,
      HANDOVER_PREVIEW: SpaceFileReadKind.READ,
      RGPD_EXPORT: SpaceFileReadKind.EXPORT,
      CASELOAD_EXPORT: SpaceFileReadKind.EXPORT,
      PARTNER_CLIENT: SpaceFileReadKind.PARTNER,
      SELF: null,
    });
  });

  it('names the professional with their structure, the partner system by its name', () => {
    const views = fileReadViews(
      [
        read({ accountId: 'account-1', membershipId: 'membership-1' }),
        read({
          ground: AccessGround.ORIENTATION_MANAGER,
          accountId: 'account-1',
          membershipId: 'membership-2',
        }),
        read({ ground: AccessGround.PARTNER_CLIENT, clientId: 'client-1' }),
        read({ ground: AccessGround.PARTNER_CLIENT, clientId: 'client-gone' }),
        read({ ground: AccessGround.SELF }),
      ],
      names,
      structureNames,
    );
    expect(views).toEqual([
      { at, kind: 'READ', who: 'Claire Moreau', structureName: 'Département de Loire-Atlantique' },
      { at, kind: 'READ', who: 'Claire Moreau', structureName: null },
      { at, kind: 'PARTNER', who: 'France Travail', structureName: null },
      { at, kind: 'PARTNER', who: 'Un service partenaire', structureName: null },
    ]);
  });

  it('pages on the log’s id, and refuses a cursor it did not give', () => {
    expect(fileReadsPosition(fileReadsCursor(read({ id: '12345' })))).toBe('12345');
    expect(fileReadsPosition(null)).toBeNull();
    expect(() => fileReadsPosition(Buffer.from('["x"]').toString('base64url'))).toThrow(
      expect.objectContaining({ reason: 'INVALID_CURSOR' }) as Error,
    );
  });
});

describe('the person’s plan', () => {
  const stamps = { version: 1, createdAt: at, updatedAt: at };
  const goal: GoalView = {
    id: 'goal-1',
    title: 'Trouver un emploi',
    status: GoalStatus.IN_PROGRESS,
    ...stamps,
  };
  const action = (overrides: Partial<PlanActionView>): PlanActionView => ({
    id: 'action-1',
    sensitive: false,
    redacted: false,
    title: 'Atelier CV',
    status: ActionStatus.PLANNED,
    startsOn: '2026-12-01',
    dueOn: null,
    goalId: 'goal-1',
    obstacleId: null,
    ...stamps,
    ...overrides,
  });
  const contract: ContractView = {
    id: 'contract-1',
    type: ContractType.CER,
    startsOn: '2026-11-02',
    endsOn: null,
    ...stamps,
  };

  it('keeps what the person reads, sensitive actions included, and leaves out a redacted one', () => {
    expect(
      spacePlanOf(
        'Aide-soignante',
        [goal],
        [
          action({}),
          action({ id: 'action-2', sensitive: true, title: 'Rendez-vous médical', goalId: null }),
          action({ id: 'action-3', sensitive: true, redacted: true, title: null }),
        ],
        [contract],
      ),
    ).toEqual({
      targetJob: 'Aide-soignante',
      goals: [{ id: 'goal-1', title: 'Trouver un emploi', status: 'IN_PROGRESS' }],
      actions: [
        {
          id: 'action-1',
          title: 'Atelier CV',
          status: 'PLANNED',
          startsOn: '2026-12-01',
          dueOn: null,
          goalId: 'goal-1',
        },
        {
          id: 'action-2',
          title: 'Rendez-vous médical',
          status: 'PLANNED',
          startsOn: '2026-12-01',
          dueOn: null,
          goalId: null,
        },
      ],
      contracts: [{ type: 'CER', startsOn: '2026-11-02', endsOn: null }],
    });
  });
});
