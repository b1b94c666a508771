import { Injectable } from '@nestjs/common';
import { AccessGround, type FileScope } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { PersonSpaceStatusRepository } from './person-space-status.repository.js';
import type { PersonSpaceView } from './person-space.service.js';

/** The space as the team reads it on the file: "activé le…, adresse…". */
export interface PersonSpaceStatusView extends PersonSpaceView {
  readonly enabledAt: Date;
}

/**
 * The state of a person's space on their file (issue 22), for the team members who could invite
 * or revoke: the file's active team (referent and followers), archived or restricted file alike,
 * so the space of a read-only file still shows. Others who read the file (a former referent, an
 * orientation manager, a partner system) are refused: the address is the person's, given to
 * their team.
 */
@Injectable()
export class PersonSpaceStatusService {
  constructor(private readonly spaces: PersonSpaceStatusRepository) {}

  /** The space, or null when the person was never invited. */
  async statusOf(scope: FileScope): Promise<PersonSpaceStatusView | null> {
    if (scope.viewer.ground !== AccessGround.TEAM_MEMBER) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.NotInTeam,
        'Only the person’s team sees their personal space.',
      );
    }
    const row = await this.spaces.statusOf(scope);
    if (!row) return null;
    return {
      personId: row.personId,
      email: row.email,
      enabled: row.revokedAt === null,
      enabledAt: row.enabledAt,
      linkExpiresAt: row.linkExpiresAt,
    };
  }
}
