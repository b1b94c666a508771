import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  RightsRequestEntity,
  type RightsRequestKind,
  RightsRequestStatus,
} from './rights-request.entity.js';

/** The `rights_request` table: its one owner. Callers decide who may read a person's requests. */
@Injectable()
export class RightsRequestRepository {
  /** Whether the person has a pending request of this kind. */
  async hasPending(
    personId: string,
    kind: RightsRequestKind,
    manager: EntityManager,
  ): Promise<boolean> {
    return manager.exists(RightsRequestEntity, {
      where: { personId, kind, status: RightsRequestStatus.PENDING },
    });
  }

  /** A new pending request, due a month later (the date in Paris). */
  async insert(
    personId: string,
    kind: RightsRequestKind,
    details: string,
    manager: EntityManager,
  ): Promise<RightsRequestEntity> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO rights_request (person_id, kind, details, due_on)
       VALUES ($1, $2, $3, ((now() AT TIME ZONE 'Europe/Paris') + interval '1 month')::date)
       RETURNING id`,
      [personId, kind, details],
    );
    return manager.findOneByOrFail(RightsRequestEntity, { id: row.id });
  }

  /** The person's requests, newest first. */
  ofPerson(personId: string, manager: EntityManager): Promise<RightsRequestEntity[]> {
    return manager.find(RightsRequestEntity, {
      where: { personId },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  }

  /** The request, locked until commit. */
  lock(id: string, manager: EntityManager): Promise<RightsRequestEntity | null> {
    return manager.findOne(RightsRequestEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Answers a pending request; false when it was answered already. */
  async answer(
    id: string,
    answer: {
      status: RightsRequestStatus.ACCEPTED | RightsRequestStatus.REFUSED;
      text: string;
      membershipId: string | null;
    },
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager.update(
      RightsRequestEntity,
      { id, status: RightsRequestStatus.PENDING },
      {
        status: answer.status,
        answer: answer.text,
        answeredByMembershipId: answer.membershipId,
        answeredAt: () => 'now()',
      },
    );
    return (result.affected ?? 0) > 0;
  }
}
