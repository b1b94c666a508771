import { Injectable } from '@nestjs/common';
import { subject } from '@casl/ability';
import {
  actingMembership,
  type AdminAuditEventEntity,
  AdminAuditRepository,
  forbidden,
} from '@relais/access';
import { StructureRepository } from '@relais/organizations';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  type Page,
  toPage,
} from '@relais/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import type { AccountPrincipal } from '@relais/identity';

export interface AuditScope {
  readonly territoryId?: string | null;
  readonly structureId?: string | null;
}

/** The admin changes of a territory or of a structure, newest first, for its admins. */
@Injectable()
export class AdminAuditLogService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly audit: AdminAuditRepository,
  ) {}

  async page(
    principal: AccountPrincipal,
    scope: AuditScope,
    first: number,
    after?: string | null,
  ): Promise<Page<AdminAuditEventEntity>> {
    // A structure's events belong to its territory too: its territory admins read them.
    let territoryId = scope.territoryId ?? null;
    if (scope.structureId) {
      const structure = await this.structures.byId(scope.structureId);
      if (!structure) throw forbidden();
      territoryId = structure.territoryId;
    }
    actingMembership(principal, (ability) =>
      ability.can(
        'read',
        subject('AdminAuditEvent', { territoryId, structureId: scope.structureId ?? null }),
      ),
    );
    let afterId: string | null = null;
    if (after) {
      // The position is the row itself: compared in the database, at its full precision.
      const [id] = decodeCursor(after);
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.InvalidCursor,
          'after is not a cursor this API gave',
          {
            field: 'after',
          },
        );
      }
      afterId = id;
    }
    const rows = await this.audit.pageAt(
      scope.structureId
        ? { structureId: scope.structureId }
        : scope.territoryId
          ? { territoryId: scope.territoryId }
          : { platform: true },
      first + 1,
      afterId,
    );
    return toPage(rows, first, (row) => [row.id]);
  }
}
