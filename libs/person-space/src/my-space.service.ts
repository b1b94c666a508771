import { Injectable } from '@nestjs/common';
import { AccessLogWriter } from '@relais/access';
import type { PersonPrincipal } from '@relais/identity';
import type { StructureType } from '@relais/organizations';
import { FileAccessService, type TeamRole } from '@relais/pathways';
import { TeamReadModel } from '@relais/read-models';

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
  /** Their referent first, then the rest of their team. */
  readonly followers: readonly SpaceProfessionalView[];
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
  ) {}

  async mySpace(principal: PersonPrincipal): Promise<MySpaceView> {
    const scope = await this.files.readScope(principal, principal.personId);
    await this.accessLog.recordFileRead(scope.viewer);
    const members = await this.team.team(scope, false);
    return {
      personId: principal.personId,
      followers: members.map((member) => ({
        givenName: member.givenName,
        familyName: member.familyName,
        role: member.role,
        structureName: member.structureName,
        structureType: member.structureType,
        workEmail: member.workEmail ?? null,
        workPhone: member.workPhone ?? null,
      })),
    };
  }
}
