import type { EntityManager } from 'typeorm';
import type { DemoSeedStep } from '@relais/database';
import { EventType, writeOutbox } from '@relais/events';
import {
  HANDOVER_EXPIRY_DAYS,
  HandoverEntity,
  HandoverStatus,
  OrientationRequestEntity,
} from '@relais/handovers';
import { OrientationType, resolveAudience, TimelineEventEntity } from '@relais/pathways';

const DAY_MS = 86_400_000;

interface Stay {
  person_id: string;
  account_id: string;
  membership_id: string;
  structure_id: string;
}

/** A professional's stays as referent in territory 44, most active files first. */
async function referentStays(
  manager: EntityManager,
  email: string,
  limit: number,
): Promise<Stay[]> {
  return manager.query<Stay[]>(
    `SELECT tm.person_id, tm.account_id, tm.membership_id, tm.structure_id
       FROM team_member tm
       JOIN account a ON a.id = tm.account_id
       JOIN person p ON p.id = tm.person_id
       JOIN territory t ON t.id = p.territory_id
      WHERE a.email = $1 AND t.code = '44' AND tm.role = 'REFERENT' AND tm.left_at IS NULL
      ORDER BY p.last_activity_at DESC, p.id
      LIMIT $2`,
    [email, limit],
  );
}

async function professionalOf(
  manager: EntityManager,
  structureName: string,
  email?: string,
): Promise<{ account_id: string; structure_id: string; territory_id: string } | undefined> {
  const rows = await manager.query<
    { account_id: string; structure_id: string; territory_id: string }[]
  >(
    `SELECT m.account_id, m.structure_id, m.territory_id FROM membership m
       JOIN structure s ON s.id = m.structure_id
       JOIN account a ON a.id = m.account_id
      WHERE s.name = $1 AND m.role = 'PROFESSIONAL' AND m.revoked_at IS NULL
        AND ($2::citext IS NULL OR a.email = $2)
      ORDER BY a.email LIMIT 1`,
    [structureName, email ?? null],
  );
  return rows[0];
}

async function propose(
  manager: EntityManager,
  from: Stay,
  to: { account_id: string; structure_id: string; territory_id: string },
  reason: string,
  daysAgo: number,
): Promise<void> {
  const createdAt = new Date(Date.now() - daysAgo * DAY_MS);
  const handover = await manager.save(
    manager.create(HandoverEntity, {
      personId: from.person_id,
      territoryId: to.territory_id,
      fromStructureId: from.structure_id,
      fromReferentAccountId: from.account_id,
      proposedByAccountId: from.account_id,
      proposedByMembershipId: from.membership_id,
      toStructureId: to.structure_id,
      toAccountId: to.account_id,
      reason,
      personInformed: true,
      status: HandoverStatus.PROPOSED,
      orientationRequestId: null,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + HANDOVER_EXPIRY_DAYS * DAY_MS),
    }),
  );
  await manager.query(
    'UPDATE person SET last_activity_at = GREATEST(last_activity_at, $2) WHERE id = $1',
    [from.person_id, createdAt],
  );
  await manager.insert(TimelineEventEntity, {
    personId: from.person_id,
    occurredAt: createdAt,
    actorAccountId: from.account_id,
    actorMembershipId: from.membership_id,
    type: EventType.HANDOVER_PROPOSED,
    subjectType: 'Handover',
    subjectId: handover.id,
    after: { toStructureId: to.structure_id, toAccountId: to.account_id, status: 'PROPOSED' },
  });
  await writeOutbox(manager, {
    type: EventType.HANDOVER_PROPOSED,
    territoryId: to.territory_id,
    structureIds: [from.structure_id, to.structure_id],
    personId: from.person_id,
    actor: { accountId: from.account_id, membershipId: from.membership_id },
    recipientAccountIds: await resolveAudience(manager, {
      accountIds: [to.account_id],
      structureAdminsOf: [to.structure_id],
      orientationManagersOf: to.territory_id,
    }),
    payload: {
      handoverId: handover.id,
      personId: from.person_id,
      fromStructureId: from.structure_id,
      toStructureId: to.structure_id,
      toAccountId: to.account_id,
      status: 'PROPOSED',
    },
  });
}

/**
 * Open handovers and a pending orientation request in Loire-Atlantique, written with their
 * outbox events: the dispatcher turns them into unread notifications when the API starts, so a
 * newcomer signing in sees the bell at once. Idempotent: nothing is added once the territory has
 * handovers.
 */
export const demoHandoversSeed: DemoSeedStep = {
  name: 'open handovers and an orientation request',
  async run(manager) {
    const [{ n } = { n: '0' }] = await manager.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM handover h JOIN territory t ON t.id = h.territory_id WHERE t.code = '44'`,
    );
    if (Number(n) > 0) return;
    const claire = await referentStays(manager, 'claire.moreau@relais.demo', 4);
    const yanis = await referentStays(manager, 'yanis.benali@relais.demo', 1);
    const franceTravail = await professionalOf(manager, 'France Travail Nantes Centre');
    const capEmploi = await professionalOf(manager, 'Cap emploi 44');
    const claireAtDepartement = await professionalOf(
      manager,
      'Département de Loire-Atlantique',
      'claire.moreau@relais.demo',
    );
    if (claire.length < 3 || !franceTravail || !capEmploi) return;

    await propose(
      manager,
      claire[0],
      franceTravail,
      'Projet professionnel construit, freins sociaux levés : passage vers un accompagnement emploi.',
      2,
    );
    await propose(
      manager,
      claire[1],
      capEmploi,
      'RQTH obtenue, accompagnement spécialisé vers l’emploi souhaité par la personne.',
      5,
    );
    if (yanis[0] && claireAtDepartement) {
      await propose(
        manager,
        yanis[0],
        claireAtDepartement,
        'Situation sociale à stabiliser avant la reprise d’une formation.',
        1,
      );
    }

    const requester = claire[2];
    const [{ territory_id: territoryId } = { territory_id: '' }] = await manager.query<
      { territory_id: string }[]
    >('SELECT territory_id FROM person WHERE id = $1', [requester.person_id]);
    const request = await manager.save(
      manager.create(OrientationRequestEntity, {
        personId: requester.person_id,
        territoryId,
        requestedByAccountId: requester.account_id,
        requestedByMembershipId: requester.membership_id,
        orientationType: OrientationType.PROFESSIONAL,
        reason:
          'Démarches de santé terminées ; la personne souhaite une orientation professionnelle.',
      }),
    );
    await writeOutbox(manager, {
      type: EventType.ORIENTATION_REQUESTED,
      territoryId,
      structureIds: [requester.structure_id],
      personId: requester.person_id,
      actor: { accountId: requester.account_id, membershipId: requester.membership_id },
      recipientAccountIds: await resolveAudience(manager, { orientationManagersOf: territoryId }),
      payload: {
        orientationRequestId: request.id,
        personId: requester.person_id,
        orientationType: OrientationType.PROFESSIONAL,
        status: 'PENDING',
      },
    });
  },
};
