import { Injectable } from '@nestjs/common';
import { AccessLogWriter } from '@relais/access';
import type { PersonPrincipal } from '@relais/identity';
import type { StructureType } from '@relais/organizations';
import { FileAccessService, PlanService, type TeamRole } from '@relais/pathways';
import { TeamReadModel } from '@relais/read-models';
import { spacePlanOf, type SpacePlanView } from './my-space-views.js';
import { PersonSpaceStatusRepository } from './person-space-status.repository.js';

/** A professional who follows the person, as their space shows them: how to reach them. */
export interface SpaceProfessionalView {
  readonly givenName: string;
  readonly familyName: string;
  readonly role: TeamRole;
  readonly structureName: string;
  readonly structureType: StructureType;
  readonly workEmail: string | null;
  readonly workPhone: string | null;
}

/** The person's space, as they open it. */
export interface MySpaceView {
  readonly personId: string;
  readonly givenName: string;
  /** Their referent first, then the rest of their team. */
  readonly followers: readonly SpaceProfessionalView[];
  readonly plan: SpacePlanView;
  /** The address their sign-in codes go to. */
  readonly space: { readonly email: string };
}

/**
 * What the person reads of their own file in their space (issue 22), through the same scoped
 * services as anyone: their scope comes from the access rules (ground SELF, their file only),
 * and each opening is in the access log as SELF before anything is shown.
 */
@Injectable()
export class MySpaceService {
  constructor(
    private readonly files: FileAccessService,
    private readonly accessLog: AccessLogWriter,
    private readonly team: TeamReadModel,
    private readonly plans: PlanService,
    private readonly spaces: PersonSpaceStatusRepository,
  ) {}

  async mySpace(principal: PersonPrincipal): Promise<MySpaceView> {
    const { scope, person } = await this.files.openScope(principal, principal.personId);
    await this.accessLog.recordFileRead(scope.viewer);
    // Asked in the same tick, the plan's parts are read in one statement (FilePartsReader).
    const [members, goals, actions, contracts, status] = await Promise.all([
      this.team.team(scope, false),
      this.plans.goals(scope),
      this.plans.actions(scope),
      this.plans.contracts(scope),
      this.spaces.statusOf(scope),
    ]);
    return {
      personId: principal.personId,
      givenName: person.givenName,
      followers: members.map((member) => ({
        givenName: member.givenName,
        familyName: member.familyName,
        role: member.role,
        structureName: member.structureName,
        structureType: member.structureType,
        workEmail: member.workEmail ?? null,
        workPhone: member.workPhone ?? null,
      })),
      plan: spacePlanOf(person.targetJob, goals, actions, contracts),
      // A session exists only for a live space, whose row holds the address.
      space: { email: status?.email ?? '' },
    };
  }
}
