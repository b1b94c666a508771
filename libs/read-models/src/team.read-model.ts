// Serves a file's team (Person.team): its members with their names and structures, read with the
// other parts of the file in the file's one statement.
import { Injectable } from '@nestjs/common';
import type { FileScope } from '@relais/access';
import {
  FilePartsReader,
  type TeamLeaveReason,
  type TeamMemberView,
  type TeamRole,
} from '@relais/pathways';

interface TeamRow {
  id: string;
  account_id: string;
  given_name: string;
  family_name: string;
  structure_id: string;
  structure_name: string;
  structure_type: TeamMemberView['structureType'];
  role: TeamRole;
  joined_at: string;
  join_reason: string | null;
  left_at: string | null;
  left_reason: TeamLeaveReason | null;
  work_email: string;
  work_phone: string | null;
}

function teamMemberOf(row: TeamRow): TeamMemberView {
  return {
    id: row.id,
    accountId: row.account_id,
    givenName: row.given_name,
    familyName: row.family_name,
    structureId: row.structure_id,
    structureName: row.structure_name,
    structureType: row.structure_type,
    role: row.role,
    joinedAt: new Date(row.joined_at),
    joinReason: row.join_reason,
    leftAt: row.left_at === null ? null : new Date(row.left_at),
    leftReason: row.left_reason,
    workEmail: row.work_email,
    workPhone: row.work_phone,
  };
}

/** Who follows the person: active members first (referent on top); former members on request. */
@Injectable()
export class TeamReadModel {
  constructor(private readonly parts: FilePartsReader) {}

  /** The team of the scope's file, read with the other parts of the file asked beside it. */
  team(scope: FileScope, includeFormer: boolean): Promise<TeamMemberView[]> {
    return this.parts.read(scope, {
      key: `team:${includeFormer}`,
      sql: `SELECT tm.id, tm.account_id, a.given_name, a.family_name, tm.structure_id,
         s.name AS structure_name, s.type AS structure_type, tm.role, tm.joined_at,
         tm.join_reason, tm.left_at, tm.left_reason, a.email AS work_email, a.work_phone
       FROM team_member tm
       JOIN account a ON a.id = tm.account_id
       JOIN structure s ON s.id = tm.structure_id
       WHERE tm.person_id = $1 AND ($2 OR tm.left_at IS NULL)`,
      params: [scope.viewer.personId, includeFormer],
      order: `r.left_at IS NOT NULL, r.role = 'FOLLOWER', r.left_at DESC, r.joined_at`,
      decode: (rows) => (rows as unknown as TeamRow[]).map(teamMemberOf),
    });
  }
}
