import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import {
  PersonSignInCodeEntity,
  PersonSpaceEntity,
  PersonSpaceLinkEntity,
} from './person-space.entity.js';

/**
 * The `person_space`, `person_space_link` and `person_sign_in_code` tables: their one owner.
 * They hold no person data beyond the address the person gave for their space.
 */
@Injectable()
export class PersonSpaceRepository {
  /** Enables (or enables again, with a new address) the person's space. */
  async enable(
    values: Pick<
      PersonSpaceEntity,
      'personId' | 'email' | 'givenName' | 'enabledByAccountId' | 'enabledByMembershipId'
    >,
    manager: EntityManager,
  ): Promise<PersonSpaceEntity> {
    const [row] = await manager.query<{ enabled_at: Date }[]>(
      `INSERT INTO person_space (person_id, email, given_name, enabled_by_account_id,
         enabled_by_membership_id, enabled_at, revoked_at)
       VALUES ($1, $2, $5, $3, $4, now(), NULL)
       ON CONFLICT (person_id) DO UPDATE SET email = EXCLUDED.email,
         given_name = EXCLUDED.given_name,
         enabled_by_account_id = EXCLUDED.enabled_by_account_id,
         enabled_by_membership_id = EXCLUDED.enabled_by_membership_id,
         enabled_at = EXCLUDED.enabled_at, revoked_at = NULL
       RETURNING enabled_at`,
      [
        values.personId,
        values.email,
        values.enabledByAccountId,
        values.enabledByMembershipId,
        values.givenName,
      ],
    );
    return { ...values, enabledAt: row.enabled_at, revokedAt: null };
  }

  /** Whether another person's live space has this address. */
  async addressTaken(email: string, personId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM person_space
        WHERE email = $1::citext AND person_id <> $2 AND revoked_at IS NULL`,
      [email, personId],
    );
    return rows.length > 0;
  }

  /** Revokes the live space and every link and code not yet used; false when none was live. */
  async revoke(personId: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.update(
      PersonSpaceEntity,
      { personId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    await this.expireLinksAndCodes(personId, manager);
    return (result.affected ?? 0) > 0;
  }

  /** Every link and code of the person not yet used stops working (the space revoked or moved). */
  async expireLinksAndCodes(personId: string, manager: EntityManager): Promise<void> {
    await manager.update(
      PersonSpaceLinkEntity,
      { personId, usedAt: IsNull() },
      { expiresAt: () => 'least(expires_at, now())' },
    );
    await manager.update(
      PersonSignInCodeEntity,
      { personId, usedAt: IsNull() },
      { expiresAt: () => 'least(expires_at, now())' },
    );
  }

  /** A new link; earlier unused links of the person stop working (only the latest does). */
  async insertLink(
    personId: string,
    tokenHash: string,
    expiresAt: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(
      PersonSpaceLinkEntity,
      { personId, usedAt: IsNull() },
      { expiresAt: () => 'least(expires_at, now())' },
    );
    await manager.insert(PersonSpaceLinkEntity, { personId, tokenHash, expiresAt, usedAt: null });
  }

  /** The link with this hash, locked until commit. */
  lockLink(tokenHash: string, manager: EntityManager): Promise<PersonSpaceLinkEntity | null> {
    return manager.findOne(PersonSpaceLinkEntity, {
      where: { tokenHash },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async markLinkUsed(id: string, manager: EntityManager): Promise<void> {
    await manager.update(PersonSpaceLinkEntity, { id }, { usedAt: () => 'now()' });
  }

  /** The live space with this address, if any. */
  liveSpaceOfAddress(email: string, manager: EntityManager): Promise<PersonSpaceEntity | null> {
    return manager.findOneBy(PersonSpaceEntity, { email, revokedAt: IsNull() });
  }

  /** The person's live space, if any. */
  liveSpace(personId: string, manager: EntityManager): Promise<PersonSpaceEntity | null> {
    return manager.findOneBy(PersonSpaceEntity, { personId, revokedAt: IsNull() });
  }

  /**
   * A new sign-in challenge; the person's earlier codes stop working (the latest email is the
   * one to use). `personId` null: a challenge for an unknown address, answered the same way.
   */
  async insertCode(
    code: Pick<PersonSignInCodeEntity, 'id' | 'personId' | 'codeHash' | 'expiresAt'>,
    manager: EntityManager,
  ): Promise<void> {
    if (code.personId !== null) {
      await manager.update(
        PersonSignInCodeEntity,
        { personId: code.personId, usedAt: IsNull() },
        { expiresAt: () => 'least(expires_at, now())' },
      );
    }
    await manager.insert(PersonSignInCodeEntity, { ...code, attempts: 0, usedAt: null });
  }

  lockCode(id: string, manager: EntityManager): Promise<PersonSignInCodeEntity | null> {
    return manager.findOne(PersonSignInCodeEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async countAttempt(id: string, manager: EntityManager): Promise<number> {
    const [rows] = await manager.query<[{ attempts: number }[], number]>(
      `UPDATE person_sign_in_code SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`,
      [id],
    );
    return rows[0]?.attempts ?? 0;
  }

  async markCodeUsed(id: string, manager: EntityManager): Promise<void> {
    await manager.update(PersonSignInCodeEntity, { id }, { usedAt: () => 'now()' });
  }

  /**
   * Drops the challenges and links that can open nothing any more (expired, used or revoked)
   * after `keepMs`: their rows were only worth keeping while they could be tried.
   */
  async deleteSpent(
    keepMs: number,
    manager: EntityManager,
  ): Promise<{ codes: number; links: number }> {
    const [, codes] = await manager.query<[unknown, number]>(
      `DELETE FROM person_sign_in_code
        WHERE expires_at < now() - $1 * interval '1 millisecond'
           OR used_at < now() - $1 * interval '1 millisecond'`,
      [keepMs],
    );
    const [, links] = await manager.query<[unknown, number]>(
      `DELETE FROM person_space_link
        WHERE expires_at < now() - $1 * interval '1 millisecond'
           OR used_at < now() - $1 * interval '1 millisecond'`,
      [keepMs],
    );
    return { codes, links };
  }
}
