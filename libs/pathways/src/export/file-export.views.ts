import type { StructureType } from '@relais/organizations';
import type { AppointmentView } from '../appointments/appointment.views.js';
import type { ObstacleView } from '../diagnostic/obstacle.views.js';
import type { NoteRevisionView } from '../notes/note.service.js';
import type {
  ContractSought,
  Gender,
  NoteVisibility,
  OrientationType,
  PersonRight,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '../pathway.enums.js';
import type { ContractView, GoalView, PlanActionView } from '../plan/plan.views.js';
import type { TimelineActorView } from '../timeline/timeline.service.js';

/** The formats a file is exported in; the timeline and the README name them so. */
export type FileExportFormat = 'JSON' | 'PDF';

/** Names and versions the JSON layout, for whoever reads an export later. */
export const FILE_EXPORT_LAYOUT = 'relais.file-export/1';

export interface ExportedTeamMember {
  readonly givenName: string;
  readonly familyName: string;
  readonly structureName: string;
  readonly structureType: StructureType;
  readonly role: TeamRole;
  readonly joinedAt: Date;
  readonly joinReason: string | null;
  readonly leftAt: Date | null;
  readonly leftReason: TeamLeaveReason | null;
}

export interface ExportedNote {
  readonly id: string;
  /** Null when redacted (a sensitive note the exporter may not read). */
  readonly body: string | null;
  readonly redacted: boolean;
  readonly sensitive: boolean;
  readonly visibility: NoteVisibility;
  readonly authorName: string;
  readonly authorStructureName: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Previous versions, newest first; null when the note itself is redacted. */
  readonly history: readonly NoteRevisionView[] | null;
}

export interface ExportedTimelineEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly actor: TimelineActorView;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly sensitive: boolean;
  readonly redacted: boolean;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/**
 * A person's whole file as their referent reads it, to hand to the person (RGPD right of access,
 * decision 0013). Every part comes from the same services and views as the GraphQL API, so it is
 * redacted by the same rules; what the referent may not see is counted in `hidden`.
 */
export interface FileExport {
  readonly layout: typeof FILE_EXPORT_LAYOUT;
  readonly format: FileExportFormat;
  readonly exportedAt: Date;
  readonly exportedBy: { readonly name: string; readonly structureName: string | null };
  readonly person: {
    readonly id: string;
    readonly givenName: string;
    readonly familyName: string;
    readonly birthName: string | null;
    /** YYYY-MM-DD */
    readonly birthDate: string;
    readonly gender: Gender | null;
    /** INSEE (COG) code of the town of birth. */
    readonly birthplace: string | null;
    /** INSEE (COG) code of the country of birth, 99100 for France. */
    readonly birthCountry: string | null;
    readonly email: string | null;
    readonly phone: string | null;
    readonly addressLine: string | null;
    readonly postalCode: string | null;
    readonly city: string | null;
    readonly territory: { readonly code: string; readonly name: string };
    readonly status: PersonStatus;
    readonly createdAt: Date;
    readonly lastActivityAt: Date;
  };
  readonly identifiers: {
    readonly cafNumber: string | null;
    readonly franceTravailId: string | null;
    /** The identifier in the département's software (bulk imports). */
    readonly externalId: string | null;
    readonly nir: string | null;
    /** A NIR is recorded but the exporter may not read it. */
    readonly nirRedacted: boolean;
  };
  readonly rights: {
    readonly rights: readonly PersonRight[];
    readonly sensitiveRightsRedacted: boolean;
    /** Soumis aux droits et devoirs (RSA). */
    readonly rightsAndDuties: boolean;
  };
  readonly orientation: {
    readonly type: OrientationType | null;
    readonly structureName: string | null;
  };
  readonly professionalProject: {
    readonly targetJob: string | null;
    readonly romeCode: string | null;
    readonly mobilityRadiusKm: number | null;
    readonly contractsSought: readonly ContractSought[];
  };
  readonly rgpd: { readonly restricted: boolean; readonly objection: boolean };
  /** Active members first (the referent on top), then former members. */
  readonly team: readonly ExportedTeamMember[];
  readonly obstacles: readonly ObstacleView[];
  readonly contracts: readonly ContractView[];
  readonly goals: readonly GoalView[];
  readonly actions: readonly PlanActionView[];
  readonly appointments: readonly AppointmentView[];
  /** Newest first. */
  readonly notes: readonly ExportedNote[];
  /** Every change of the file, newest first, this export included. */
  readonly timeline: readonly ExportedTimelineEvent[];
  /** What exists in the file but is not in this export, so the person knows to ask. */
  readonly hidden: {
    /** Notes other professionals kept to themselves or to their structure. */
    readonly privateNotes: number;
    /** Items listed above without their content (sensitive data the exporter may not read). */
    readonly redactedItems: number;
  };
}
