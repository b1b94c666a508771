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
import type { TimelineEventView } from '@relais/pathways';
import {
  fileChangeView,
  fileReadKindOf,
  fileReadsCursor,
  fileReadsPositions,
  fileReadViews,
  mergeFileReads,
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
    expect(views.map((line) => line.view)).toEqual([
      { at, kind: 'READ', who: 'Claire Moreau', structureName: 'Département de Loire-Atlantique' },
      { at, kind: 'READ', who: 'Claire Moreau', structureName: null },
      { at, kind: 'PARTNER', who: 'France Travail', structureName: null },
      { at, kind: 'PARTNER', who: 'Un service partenaire', structureName: null },
    ]);
  });

  it('tells a professional’s or a partner’s change, not the person’s own nor the export', () => {
    const event = (overrides: Partial<TimelineEventView>): TimelineEventView => ({
      id: 'event-1',
      type: 'plan.action_added',
      occurredAt: at,
      actor: { name: 'Claire Moreau', structureName: 'Département', partnerSystem: false },
      actingMembershipId: 'membership-1',
      subjectType: 'PlanAction',
      subjectId: 'action-1',
      sensitive: false,
      redacted: false,
      before: null,
      after: null,
      cursor: 'c1',
      ...overrides,
    });
    expect(fileChangeView(event({}))).toEqual({
      at,
      kind: 'CHANGE',
      who: 'Claire Moreau',
      structureName: 'Département',
    });
    const partner = { name: 'France Travail', structureName: null, partnerSystem: true };
    expect(fileChangeView(event({ actor: partner, actingMembershipId: null }))).toEqual({
      at,
      kind: 'PARTNER',
      who: 'France Travail',
      structureName: null,
    });
    const relais = { name: 'Relais', structureName: null, partnerSystem: false };
    expect(fileChangeView(event({ actor: relais, actingMembershipId: null }))).toBeNull();
    expect(fileChangeView(event({ type: 'file.exported' }))).toBeNull();
  });

  it('merges reads and changes newest first, with a position in each', () => {
    const line = (minute: number, position: string) => ({
      view: {
        at: new Date(Date.UTC(2026, 11, 3, 9, minute)),
        kind: SpaceFileReadKind.READ,
        who: position,
        structureName: null,
      },
      position,
    });
    const reads = [line(50, 'r3'), line(30, 'r2'), line(10, 'r1')];
    const changes = [line(40, 'c2'), line(20, 'c1')];
    const first = mergeFileReads(reads, changes, 3, { read: null, change: null });
    expect(first.items.map((item) => item.who)).toEqual(['r3', 'c2', 'r2']);
    expect(first).toMatchObject({ positions: { read: 'r2', change: 'c2' }, more: true });
    const last = mergeFileReads([line(10, 'r1')], [line(20, 'c1')], 3, first.positions);
    expect(last.items.map((item) => item.who)).toEqual(['c1', 'r1']);
    expect(last.more).toBe(false);
    const onlyChanges = mergeFileReads([], [line(20, 'c1')], 1, { read: 'r9', change: null });
    expect(onlyChanges.positions).toEqual({ read: 'r9', change: 'c1' });
  });

  it('pages on both positions, and refuses a cursor it did not give', () => {
    const positions = { read: '12345', change: 'WyIyMDI2Il0' };
    expect(fileReadsPositions(fileReadsCursor(positions))).toEqual(positions);
    expect(fileReadsPositions(fileReadsCursor({ read: null, change: null }))).toEqual({
      read: null,
      change: null,
    });
    expect(fileReadsPositions(null)).toEqual({ read: null, change: null });
    for (const wrong of ['["x", ""]', '["1"]', '[1, 2, 3]']) {
      expect(() => fileReadsPositions(Buffer.from(wrong).toString('base64url'))).toThrow(
        expect.objectContaining({ reason: 'INVALID_CURSOR' }) as Error,
      );
    }
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
