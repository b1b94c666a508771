import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The invitation emails' part of `email_delivery`: how many times an invitation was sent. */
@Injectable()
export class InvitationEmailRepository {
  /**
   * The emails queued for the invitation (dedupe keys `invitation:<id>:<n>`), whatever their
   * status: the next one is number `count + 1`.
   */
  async sendsOf(manager: EntityManager, invitationId: string): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM email_delivery
        WHERE kind = 'INVITATION' AND dedupe_key LIKE $1`,
      [`invitation:${invitationId}:%`],
    );
    return row?.count ?? 0;
  }
}
