import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource } from 'typeorm';
import { actingMembership, AdminAuditEventEntity, forbidden } from '@relais/access';
import { StructureEntity } from '@relais/organizations';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(
    principal: AccountPrincipal,
    scope: AuditScope,
    first: number,
    after?: string | null,
  ): Promise<Page<AdminAuditEventEntity>> {
    // A structure's events belong to its territory too: its territory admins read them.
    let territoryId = scope.territoryId ?? null;
    if (scope.structureId) {
      const structure = await this.dataSource.manager.findOneBy(StructureEntity, {
        id: scope.structureId,
      });
      if (!structure) throw forbidden();
      territoryId = structure.territoryId;
    }
    actingMembership(principal, (ability) =>
      ability.can(
        'read',
        subject('AdminAuditEvent', { territoryId, structureId: scope.structureId ?? null }),
      ),
    );
    const query = this.dataSource.manager
      .createQueryBuilder(AdminAuditEventEntity, 'event')
      .orderBy('event.occurred_at', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(first + 1);
    if (scope.structureId)
      query.where('event.structure_id = :structureId', { structureId: scope.structureId });
    else if (scope.territoryId)
      query.where('event.territory_id = :territoryId', { territoryId: scope.territoryId });
    else query.where('event.territory_id IS NULL');
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
      query.andWhere(
        '(event.occurred_at, event.id) < (SELECT occurred_at, id FROM admin_audit_event WHERE id = :id)',
        { id },
      );
    }
    const rows = await query.getMany();
    return toPage(rows, first, (row) => [row.id]);
  }
}
