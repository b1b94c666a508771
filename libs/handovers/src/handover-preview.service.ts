import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessGround, appendAccessLogRows, forbidden, viewerScope } from '@relais/access';
import { auditChainKeyFrom, DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type Principal, Role } from '@relais/identity';
import { HandoverContextRepository, type HandoverPreviewRows } from '@relais/pathways';
import { HandoverPreviewPart, HandoverStatus } from './handover.enums.js';
import { HandoverRepository } from './handover.repository.js';

/**
 * A handover's preview (issue 19): the parts of the file its proposer chose, for the target
 * structure's professionals and admins, while it is proposed. Each read is written to the access
 * log (ground HANDOVER_PREVIEW) in the transaction that reads it: nothing is shown unlogged.
 */
@Injectable()
export class HandoverPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoverRepository,
    private readonly files: HandoverContextRepository,
  ) {}

  async preview(principal: Principal, handoverId: string): Promise<HandoverPreviewRows> {
    if (principal.kind !== 'account') throw forbidden();
    const scope = viewerScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const handover = await this.handovers.findById(scope, handoverId, manager);
      if (!handover) throw forbidden();
      // The target structure's professionals (the named one among them) and admins only.
      const reader = principal.memberships.find(
        (m) =>
          m.structureId === handover.toStructureId &&
          (m.role === Role.PROFESSIONAL || m.role === Role.STRUCTURE_ADMIN),
      );
      if (!reader) throw forbidden();
      if (handover.status !== HandoverStatus.PROPOSED || handover.expiresAt <= new Date()) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.HandoverAlreadyAnswered,
          'The preview is shown only while the handover is proposed: it was answered, cancelled or has expired.',
        );
      }
      const parts = handover.previewParts;
      const rows = await this.files.preview(
        handover.personId,
        {
          project: parts.includes(HandoverPreviewPart.PROJECT),
          plan: parts.includes(HandoverPreviewPart.PLAN),
          contract: parts.includes(HandoverPreviewPart.CONTRACT),
          obstacles: parts.includes(HandoverPreviewPart.OBSTACLES),
        },
        manager,
      );
      if (parts.length > 0) {
        await appendAccessLogRows(manager, auditChainKeyFrom(process.env), [
          {
            territoryId: handover.territoryId,
            personId: handover.personId,
            accountId: principal.accountId,
            membershipId: reader.id,
            clientId: null,
            ground: AccessGround.HANDOVER_PREVIEW,
          },
        ]);
      }
      return rows;
    });
  }
}
