import { Injectable } from '@nestjs/common';
import { forbidden } from '@relais/access';
import { MembershipHandoverRepository, type Principal, Role } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import type { NamedRef } from './handover.views.js';

/**
 * The recipients directory of handovers. The lists of the parties and one handover's view join
 * persons, structures and accounts: `HandoverListReadModel` reads them.
 */
@Injectable()
export class HandoverQueryService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly memberships: MembershipHandoverRepository,
  ) {}

  /**
   * The professionals of a structure whom a handover may name, or who may become the referent
   * on acceptance: for those who follow people in the structure's territory (professionals,
   * orientation managers, structure admins). Names and account ids only: a directory, no file.
   */
  async recipients(principal: Principal, structureId: string): Promise<NamedRef[]> {
    const structure = await this.structures.byId(structureId);
    const follows =
      principal.kind === 'account' &&
      structure !== null &&
      principal.memberships.some(
        (membership) =>
          membership.territoryId === structure.territoryId &&
          (membership.role === Role.PROFESSIONAL ||
            membership.role === Role.ORIENTATION_MANAGER ||
            membership.role === Role.STRUCTURE_ADMIN),
      );
    // An unknown structure and one of another territory answer alike.
    if (!follows) throw forbidden();
    return this.memberships.professionalsOf(structureId);
  }
}
